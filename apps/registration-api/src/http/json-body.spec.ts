import { BadRequestException, UnsupportedMediaTypeException } from '@nestjs/common';
import { checkJsonObjectBody, JsonObjectBodyShape } from './json-body';

const SHAPE: JsonObjectBodyShape = { example: '{"sequence": 1}', fields: ['sequence', 'codes'] };
const JSON_TYPE = 'application/json; charset=utf-8';

/** The message of the HTTP exception `fn` throws, with its status. */
function refusal(fn: () => unknown): [number, string] {
  try {
    fn();
  } catch (error) {
    if (error instanceof BadRequestException || error instanceof UnsupportedMediaTypeException) {
      return [error.getStatus(), (error.getResponse() as { message: string }).message];
    }
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('checkJsonObjectBody', () => {
  it('passes a flat JSON object of the known fields through unchanged', () => {
    const body = { sequence: 1, codes: ['[MSAppActive]', null, 2, true] };
    expect(checkJsonObjectBody(JSON_TYPE, body, SHAPE)).toBe(body);
    expect(checkJsonObjectBody('application/json', {}, SHAPE)).toEqual({});
  });

  it('answers 415 for any other content type, before looking at the body', () => {
    expect(refusal(() => checkJsonObjectBody('text/plain', [[[]]], SHAPE))).toEqual([415, 'send the body as application/json, e.g. {"sequence": 1} (got "text/plain")']);
    expect(refusal(() => checkJsonObjectBody(undefined, {}, SHAPE))).toEqual([415, 'send the body as application/json, e.g. {"sequence": 1} (got no content type)']);
    expect(refusal(() => checkJsonObjectBody('application/jsonx', {}, SHAPE))[0]).toBe(415);
  });

  it.each([
    [[], 'an array'],
    [null, 'null'],
    ['x', 'a string'],
    [2, 'a number'],
    [true, 'a boolean'],
    [undefined, 'nothing'],
  ])('refuses %j: the body must be a JSON object', (body, what) => {
    expect(refusal(() => checkJsonObjectBody(JSON_TYPE, body, SHAPE))).toEqual([400, `the body must be a JSON object, e.g. {"sequence": 1}; got ${what}`]);
  });

  it('refuses nesting at once, however deep, without walking it', () => {
    let deep: unknown = [];
    for (let i = 0; i < 100_000; i += 1) deep = [deep]; // deeper than any recursive walk survives
    expect(refusal(() => checkJsonObjectBody(JSON_TYPE, { codes: deep }, SHAPE))).toEqual([
      400,
      'the body must be a flat JSON object (each field a string, number, boolean, null or an array of those), e.g. {"sequence": 1}; field "codes" nests an array or object inside an array',
    ]);
    expect(refusal(() => checkJsonObjectBody(JSON_TYPE, { codes: [{}] }, SHAPE))[1]).toMatch(/field "codes" nests an array or object inside an array$/);
    expect(refusal(() => checkJsonObjectBody(JSON_TYPE, { sequence: { n: 1 } }, SHAPE))[1]).toMatch(/field "sequence" holds an object$/);
  });

  it('refuses an unknown field, naming it (cut short) and the fields the body takes', () => {
    expect(refusal(() => checkJsonObjectBody(JSON_TYPE, { sequence: 1, seq: 1 }, SHAPE))).toEqual([400, 'unknown field "seq"; this body takes only sequence, codes']);
    const [, message] = refusal(() => checkJsonObjectBody(JSON_TYPE, { ['k'.repeat(5000)]: 1 }, SHAPE));
    expect(message.length).toBeLessThan(200);
  });
});
