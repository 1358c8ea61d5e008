import type { IncomingMessage, ServerResponse } from 'node:http';
import { describeJsonParseError, firstInvalidUtf8Offset, jsonBodyParserOptions, verifyJsonBody } from './json-body-parser';

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

describe('malformed UTF-8 in a JSON body', () => {
  it('is refused (400) naming the first bad byte, instead of being decoded as U+FFFD', () => {
    const bytes = Buffer.concat([Buffer.from('{"addressLine1":"Caf'), Buffer.from([0xe9, 0x20, 0xff, 0xfe]), Buffer.from('"}')]);
    expect(() => verifyJsonBody({} as IncomingMessage, res, bytes, 'utf-8')).toThrow(
      expect.objectContaining({
        status: 400,
        expose: true,
        message: 'the JSON body is not well-formed UTF-8 (RFC 8259 §8.1): byte 20 (0xE9) does not start a valid UTF-8 sequence',
      }),
    );
  });

  it('says a multi-byte sequence cut off by the end of the body is cut off', () => {
    expect(() => verifyJsonBody({} as IncomingMessage, res, Buffer.concat([Buffer.from('["a"]'), Buffer.from([0xc3])]), 'utf-8')).toThrow(
      'the JSON body is not well-formed UTF-8 (RFC 8259 §8.1): byte 5 (0xC3) starts a multi-byte UTF-8 sequence that is cut off by the end of the data',
    );
  });

  it('accepts a U+FFFD that was actually sent, and multi-byte characters', () => {
    expect(() => verifyJsonBody({} as IncomingMessage, res, Buffer.from('{"a":"\uFFFD Café €𝄞"}'), 'utf-8')).not.toThrow();
  });

  it.each([
    ['a lone continuation byte', [0x41, 0x80], 1],
    ['a truncated 3-byte sequence at the end', [0x41, 0x42, 0xe2, 0x82], 2],
    ['an overlong encoding of "/"', [0x41, 0xc0, 0xaf], 1],
    ['an encoded surrogate (CESU-8)', [0xed, 0xa0, 0x80], 0],
    ['a bad byte after a U+FFFD that was sent', [0xef, 0xbf, 0xbd, 0x41, 0xfe], 4],
  ])('firstInvalidUtf8Offset finds %s', (_what, bytes, offset) => {
    expect(firstInvalidUtf8Offset(Buffer.from(bytes))).toBe(offset);
  });

  it('firstInvalidUtf8Offset is -1 for well-formed UTF-8', () => {
    expect(firstInvalidUtf8Offset(Buffer.from('Café €'))).toBe(-1);
  });
});

describe('describeJsonParseError (error middleware after the body parsers)', () => {
  const passOn = (error: unknown) => {
    let passed: unknown = 'not called';
    describeJsonParseError(error, {} as IncomingMessage, res, (e?: unknown) => {
      passed = e;
    });
    return passed;
  };

  it('turns the parser failure into a 400 saying the body is not valid JSON, with the parser text', () => {
    const parserError = Object.assign(new SyntaxError('Unexpected end of JSON input'), { status: 400, expose: true, type: 'entity.parse.failed' });
    const passed = passOn(parserError);
    expect(passed).not.toBeInstanceOf(SyntaxError);
    expect(passed).toMatchObject({ status: 400, expose: true, message: 'the body is not valid JSON: Unexpected end of JSON input' });
  });

  it('passes any other error on unchanged', () => {
    const tooLarge = Object.assign(new Error('request entity too large'), { status: 413, expose: true, type: 'entity.too.large' });
    expect(passOn(tooLarge)).toBe(tooLarge);
    const uriError = Object.assign(new URIError('URI malformed'), { status: 400 });
    expect(passOn(uriError)).toBe(uriError);
  });
});
