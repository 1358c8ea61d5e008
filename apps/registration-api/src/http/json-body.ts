import { BadRequestException, createParamDecorator, ExecutionContext, UnsupportedMediaTypeException } from '@nestjs/common';
import type { Request } from 'express';
import { quoteInput } from '@app/registration-app';

/** What a JSON-object body endpoint takes: an example body (for messages) and its field names. */
export interface JsonObjectBodyShape {
  /** A valid body, as shown in error messages, e.g. `{"sequence": 1}`. */
  example: string;
  /** Every field the body may have. */
  fields: readonly string[];
}

/**
 * Checks a request body that must be a small, flat JSON object (the participant feed's bodies),
 * in this order, before any pipe or validator walks it:
 *
 * 1. the content type is `application/json` — else 415;
 * 2. the body is a JSON object (not an array, `null`, a string, a number or a boolean) — else 400
 *    `the body must be a JSON object, e.g. …; got an array`;
 * 3. it is flat: each field a string, number, boolean, `null` or an array of those — else 400
 *    naming the field. This bounds the nesting without walking it, so a body nested thousands of
 *    levels deep is refused at once instead of overflowing the stack of the recursive
 *    `ValidationPipe` (`stripProtoKeys`, class-transformer), as `POST /dip-channel` refuses a
 *    body that is not an array before its validator (which stops at a depth limit) reads it;
 * 4. it has no field but `shape.fields` — else 400 `unknown field "x"; this body takes only …`.
 *
 * Field names and values are quoted cut to a short excerpt ({@link quoteInput}).
 * @returns the body, unchanged.
 * @throws UnsupportedMediaTypeException (415), BadRequestException (400).
 */
export function checkJsonObjectBody(contentType: string | undefined, body: unknown, shape: JsonObjectBodyShape): Record<string, unknown> {
  if (contentType === undefined || !/^application\/json\s*(;|$)/i.test(contentType)) {
    throw new UnsupportedMediaTypeException(
      `send the body as application/json, e.g. ${shape.example} (got ${contentType === undefined ? 'no content type' : quoteInput(contentType)})`,
    );
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new BadRequestException(`the body must be a JSON object, e.g. ${shape.example}; got ${kindOf(body)}`);
  }
  const fields = body as Record<string, unknown>;
  for (const [name, value] of Object.entries(fields)) {
    const problem = nestingProblem(value);
    if (problem !== null) {
      throw new BadRequestException(
        `the body must be a flat JSON object (each field a string, number, boolean, null or an array of those), e.g. ${shape.example}; field ${quoteInput(name)} ${problem}`,
      );
    }
  }
  const unknown = Object.keys(fields).find((name) => !shape.fields.includes(name));
  if (unknown !== undefined) {
    throw new BadRequestException(`unknown field ${quoteInput(unknown)}; this body takes only ${shape.fields.join(', ')}`);
  }
  return fields;
}

/**
 * Parameter decorator: the request body, checked by {@link checkJsonObjectBody} against `shape`.
 * Pipes given after the shape (a `ValidationPipe` with `validateCustomDecorators`) then validate
 * the fields.
 */
export const JsonObjectBody = createParamDecorator((shape: JsonObjectBodyShape, context: ExecutionContext) => {
  const request = context.switchToHttp().getRequest<Request>();
  return checkJsonObjectBody(request.headers['content-type'], request.body as unknown, shape);
});

/** Why a field value is not flat, or null when it is. Looks one level into an array, no further. */
function nestingProblem(value: unknown): string | null {
  if (value === null || typeof value !== 'object') return null;
  if (!Array.isArray(value)) return 'holds an object';
  return value.some((item) => item !== null && typeof item === 'object') ? 'nests an array or object inside an array' : null;
}

/** What a JSON value is, for a message: `an array`, `null`, `a string` … (`nothing` when there was no body). */
function kindOf(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
