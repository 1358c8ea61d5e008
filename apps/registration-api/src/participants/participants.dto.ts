import { IsArray, IsInt, IsOptional, IsString, Max, Min } from 'class-validator';

/**
 * Bodies of the participant feed endpoints (docs/feed.md), checked by class-validator behind a
 * `ValidationPipe` (unknown properties refused). Sequences are JSON numbers: whole, 0 … 2^53 − 1.
 */

/** `POST /participants/{dipId}/publications/ack`: acknowledge every item up to `sequence`. */
export class AcknowledgeDto {
  @IsInt({ message: 'sequence must be a whole number' })
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  sequence!: number;
}

/** `POST /participants/{dipId}/publications/replay`: redeliver to the webhook from `fromSequence`. */
export class ReplayDto {
  @IsInt({ message: 'fromSequence must be a whole number' })
  @Min(1)
  @Max(Number.MAX_SAFE_INTEGER)
  fromSequence!: number;
}

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
