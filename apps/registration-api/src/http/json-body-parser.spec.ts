import type { IncomingMessage, ServerResponse } from 'node:http';
import { jsonBodyParserOptions, verifyJsonBody } from './json-body-parser';

const res = {} as ServerResponse;

describe('verifyJsonBody (the JSON parser verify hook)', () => {
  it('keeps the exact bytes as request.rawBody, for the DIP signature guard', () => {
    const req = {} as IncomingMessage & { rawBody?: Buffer };
    const bytes = Buffer.from('[{"payload":{}}]');
    verifyJsonBody(req, res, bytes, 'utf-8');
    expect(req.rawBody).toBe(bytes);
  });

  it('refuses what JSON.parse would let through, as a 400 the errors filter shows', () => {
    const req = {} as IncomingMessage;
    let error: unknown;
    try {
      verifyJsonBody(req, res, Buffer.from('[{"a":1,"a":2}]'), 'utf-8');
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ status: 400, expose: true, message: 'the JSON body is refused: $[0] has the key "a" twice (a JSON object\'s keys must be unique)' });
  });

  it('refuses JSON that is not UTF-8 (415)', () => {
    expect(() => verifyJsonBody({} as IncomingMessage, res, Buffer.from('{}', 'utf16le'), 'utf-16le')).toThrow(
      expect.objectContaining({ status: 415, message: 'send JSON as UTF-8 (RFC 8259 §8.1), not UTF-16LE' }),
    );
  });

  it('has the parser options: the limit in bytes, non-strict, this hook', () => {
    expect(jsonBodyParserOptions(4096)).toEqual({ limit: 4096, strict: false, verify: verifyJsonBody });
  });
});
