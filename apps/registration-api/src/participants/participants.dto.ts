import { IsArray, IsOptional, IsString, ValidateBy, ValidationArguments } from 'class-validator';
import { quoteInput } from '@app/registration-app';
import type { JsonObjectBodyShape } from '../http/json-body';

/**
 * Bodies of the participant feed endpoints (docs/feed.md), checked in two steps: the shape
 * (`JsonObjectBody`: application/json, a flat JSON object, no unknown field), then the fields by
 * class-validator behind a `ValidationPipe`. Sequences are JSON numbers: whole, up to 2^53 − 1.
 */

const ACK_EXAMPLE = '{"sequence": 1}';
const REPLAY_EXAMPLE = '{"fromSequence": 2}';

/**
 * A feed sequence field: a JSON number, whole, from `min` to 2^53 − 1. One message per problem,
 * quoting what was sent: `sequence is required: …` when absent, else
 * `sequence must be a whole number from 0 to 9007199254740991, got "2"`.
 */
function IsSequence(min: 0 | 1, example: string): PropertyDecorator {
  const range = `a whole number from ${min} to ${Number.MAX_SAFE_INTEGER}`;
  return ValidateBy({
    name: 'isSequence',
    validator: {
      validate: (value: unknown) => typeof value === 'number' && Number.isSafeInteger(value) && value >= min,
      defaultMessage: (args?: ValidationArguments) =>
        args?.value === undefined
          ? `${args?.property} is required: ${range}, e.g. ${example}`
          : `${args.property} must be ${range}, got ${quoteInput(args.value)}`,
    },
  });
}

/** `POST /participants/{dipId}/publications/ack`: acknowledge every item up to `sequence`. */
export class AcknowledgeDto {
  @IsSequence(0, ACK_EXAMPLE)
  sequence!: number;
}

/** Shape of {@link AcknowledgeDto} for `JsonObjectBody`. */
export const ACK_BODY: JsonObjectBodyShape = { example: ACK_EXAMPLE, fields: ['sequence'] };

/** `POST /participants/{dipId}/publications/replay`: redeliver to the webhook from `fromSequence`. */
export class ReplayDto {
  @IsSequence(1, REPLAY_EXAMPLE)
  fromSequence!: number;
}

/** Shape of {@link ReplayDto} for `JsonObjectBody`. */
export const REPLAY_BODY: JsonObjectBodyShape = { example: REPLAY_EXAMPLE, fields: ['fromSequence'] };

/**
 * `PUT /participants/{dipId}/publication-config`: an absent field stays as it is; `null` returns it
 * to its default (every event code; no webhook). Which codes and URLs are acceptable is checked by
 * the feed (`parsePublicationConfigChange`).
 */
export class PublicationConfigDto {
  @IsOptional() // absent or null
  @IsArray({ message: 'eventCodes must be null or an array of bracketed event codes' })
  @IsString({ each: true, message: 'each event code must be a string such as "[MSAppActive]"' })
  eventCodes?: string[] | null;

  @IsOptional()
  @IsString({ message: 'webhookUrl must be null or an http(s) URL' })
  webhookUrl?: string | null;
}

/** Shape of {@link PublicationConfigDto} for `JsonObjectBody`. */
export const PUBLICATION_CONFIG_BODY: JsonObjectBodyShape = {
  example: '{"eventCodes": ["[MSAppActive]"], "webhookUrl": "https://example.org/hook"}',
  fields: ['eventCodes', 'webhookUrl'],
};
