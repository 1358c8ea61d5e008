import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction } from 'express';
import { isUtf8 } from 'node:buffer';
import type { OptionsJson } from 'body-parser';
import { describeUtf8Problem, findUtf8Problem } from '@app/dip-wire';
import { findJsonTextProblem } from './strict-json';

/**
 * Deepest nesting of arrays and objects accepted in a JSON body (the body itself is level 1). A
 * legal DIP submission is at most 8 levels deep (array, message, payload, CustomBlock, B906,
 * historyMAP, item, block); the feed's bodies are flat. Bounded before any recursive walk of the
 * parsed value (class-transformer, our validators, the canonical hash).
 */
export const MAX_JSON_DEPTH = 32;

/** A request the JSON parser has read: its exact bytes are kept for the DIP signature check (`rawBody`). */
type RequestWithRawBody = IncomingMessage & { rawBody?: Buffer };

/**
 * Options of the JSON body parser (`app.useBodyParser('json', …)`):
 *
 * - `limit`: `bodyLimitBytes` (413 past it, before the body is parsed; `REGISTRY_BODY_LIMIT_BYTES`);
 * - `strict: false`, so that a body of valid JSON that is not an array (`null`, `"x"`, `1`) reaches
 *   the controller and is refused with "the body must be a JSON array …" rather than the parser's
 *   misleading "\"null\" is not valid JSON";
 * - `verify`: {@link verifyJsonBody}, which keeps the raw bytes as `request.rawBody` (what Nest's
 *   `rawBody: true` does — do not also set that option: Nest would replace this `verify`) and
 *   refuses, before `JSON.parse`, what it would silently accept (see {@link verifyJsonBody}).
 */
export function jsonBodyParserOptions(bodyLimitBytes: number): OptionsJson {
  return { limit: bodyLimitBytes, strict: false, verify: verifyJsonBody };
}

/**
 * The JSON parser's `verify` hook: keeps `buffer` as `request.rawBody`, then refuses
 *
 * - a charset other than UTF-8 (415; RFC 8259 §8.1: JSON exchanged between systems is UTF-8 —
 *   the parser itself already refuses charsets that are not `utf-*`);
 * - bytes that are not well-formed UTF-8 (400, naming the offset of the first bad byte): the
 *   parser would decode them as U+FFFD and the stored text would silently differ from what was sent;
 * - nesting deeper than {@link MAX_JSON_DEPTH}, a `__proto__` / `constructor` / `prototype` key, a
 *   key repeated in one object, a lone surrogate or U+0000 in a string (400, naming the JSONPath;
 *   see `findJsonTextProblem`).
 *
 * Runs only for bodies the JSON parser reads (content type `application/json`).
 * @throws an `http-errors`-style error (`status`, `expose: true`) that the errors filter renders.
 */
export function verifyJsonBody(req: IncomingMessage, _res: ServerResponse, buffer: Buffer, encoding: string): void {
  (req as RequestWithRawBody).rawBody = buffer;
  if (!/^utf-?8$/i.test(encoding)) {
    throw clientError(415, `send JSON as UTF-8 (RFC 8259 §8.1), not ${encoding.toUpperCase()}`);
  }
  if (!isUtf8(buffer)) {
    const problem = findUtf8Problem(buffer);
    const where = problem === null ? '' : `: ${describeUtf8Problem(problem)}`;
    throw clientError(400, `the JSON body is not well-formed UTF-8 (RFC 8259 §8.1)${where}`);
  }
  const problem = findJsonTextProblem(buffer.toString('utf8'), { maxDepth: MAX_JSON_DEPTH });
  if (problem !== null) throw clientError(400, `the JSON body is refused: ${problem.path} ${problem.message}`);
}

/**
 * Offset (0-based, in bytes) of the first byte of `buffer` that does not start a well-formed UTF-8
 * sequence (-1 for well-formed UTF-8); see `findUtf8Problem` of `@app/dip-wire`.
 */
export function firstInvalidUtf8Offset(buffer: Buffer): number {
  return findUtf8Problem(buffer)?.offset ?? -1;
}

function clientError(status: number, message: string): Error {
  return Object.assign(new Error(message), { status, expose: true });
}

/**
 * `verify` hook of the raw (non-JSON) body parser: keeps the bytes as `request.rawBody`, which the
 * DIP signature guard hashes, so that a signed request with another content type is checked (and
 * then answered 415 by the endpoint) instead of failing the guard for want of its raw bytes.
 */
export function keepRawBody(req: IncomingMessage, _res: ServerResponse, buffer: Buffer): void {
  (req as RequestWithRawBody).rawBody = buffer;
}

/**
 * Express error middleware, installed right after the body parsers: a body the JSON parser could
 * not parse (http-errors `type` `entity.parse.failed`, a `SyntaxError`) goes on as a 400 saying so,
 * `the body is not valid JSON: <the parser's message>`. Without it Nest turns the parser's
 * `SyntaxError` into a bare `BadRequestException` with only `JSON.parse`'s text ("Unexpected end
 * of JSON input"). Every other error goes on unchanged.
 */
export function describeJsonParseError(error: unknown, _req: IncomingMessage, _res: ServerResponse, next: NextFunction): void {
  const { type, status } = (error ?? {}) as { type?: unknown; status?: unknown };
  if (error instanceof Error && type === 'entity.parse.failed' && status === 400) {
    next(clientError(400, `the body is not valid JSON: ${error.message}`));
    return;
  }
  next(error);
}
