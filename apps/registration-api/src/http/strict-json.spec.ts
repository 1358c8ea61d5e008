import { findJsonTextProblem } from './strict-json';

const scan = (text: string, maxDepth = 32) => findJsonTextProblem(text, { maxDepth });

describe('findJsonTextProblem', () => {
  it('finds nothing wrong in ordinary JSON, escapes and astral characters included', () => {
    for (const text of [
      '[]',
      '{}',
      '"x"',
      '1e400',
      'null',
      '[{"payload":{"CommonBlock":{"S0":{"interfaceID":"IF-031"}},"CustomBlock":{}}}]',
      '{"a":"\\"\\\\\\/\\b\\f\\n\\r\\t","b":"\\ud83d\\ude00😀","c":["x",{"a":1}],"d":{"a":{"a":2}}}',
      '{ "a" : [ 1 , 2 , { "b" : "}" } ] , "b" : "{[" }',
    ]) {
      expect(scan(text)).toBeNull();
    }
  });

  it('names a key repeated in one object, with the path of that object', () => {
    expect(scan('[{"payload":{"CommonBlock":{"S1":{"senderDIPID":"1","senderDIPID":"2"}}}}]')).toEqual({
      path: '$[0].payload.CommonBlock.S1',
      message: 'has the key "senderDIPID" twice (a JSON object\'s keys must be unique)',
    });
    // The same key in sibling objects, or at two levels, is fine.
    expect(scan('[{"a":1},{"a":1,"b":{"a":1}}]')).toBeNull();
  });

  it('compares keys after unescaping them', () => {
    expect(scan('{"ab":1,"\\u0061b":2}')).toMatchObject({ path: '$', message: expect.stringContaining('"ab" twice') });
  });

  it('counts array items and quotes keys that are no identifiers', () => {
    expect(scan('[0,1,{"a b":{"x":1,"x":2}}]')).toEqual({ path: '$[2]["a b"]', message: expect.stringContaining('"x" twice') });
  });

  it.each(['__proto__', 'constructor', 'prototype'])('refuses the key %s anywhere, even escaped', (key) => {
    expect(scan(`[{"payload":{"CustomBlock":{"${key}":{}}}}]`)).toEqual({
      path: '$[0].payload.CustomBlock',
      message: `has the key "${key}", a reserved JavaScript name that no field of this API has`,
    });
    const escaped = `\\u${key.charCodeAt(0).toString(16).padStart(4, '0')}${key.slice(1)}`;
    expect(scan(`{"${escaped}":1}`)?.message).toContain(`"${key}"`);
  });

  it('refuses nesting past the limit before reading further, naming where', () => {
    expect(scan('[[[]]]', 3)).toBeNull();
    expect(scan('[[[[]]]]', 3)).toEqual({ path: '$[0][0][0]', message: 'nests deeper than 3 levels of arrays and objects' });
    expect(scan('{"a":{"b":{"c":{}}}}', 3)).toEqual({ path: '$.a.b.c', message: 'nests deeper than 3 levels of arrays and objects' });
  });

  it('handles a million levels without overflowing the stack', () => {
    const deep = '['.repeat(1_000_000) + ']'.repeat(1_000_000);
    expect(scan(deep)?.message).toBe('nests deeper than 32 levels of arrays and objects');
  });

  it('refuses lone surrogates and NUL in values and keys', () => {
    expect(scan('{"a":"x\\ud800"}')).toEqual({ path: '$.a', message: expect.stringContaining('lone UTF-16 surrogate') });
    expect(scan('{"a":"\\udc00x"}')).toEqual({ path: '$.a', message: expect.stringContaining('a low surrogate without a high one') });
    expect(scan('{"a":"\\ud800\\ud800\\udc00"}')?.message).toContain('not followed by a low one');
    expect(scan('{"a":["ok","\\u0000"]}')).toEqual({ path: '$.a[1]', message: 'holds U+0000 (NUL), which no field of this API allows' });
    expect(scan('{"\\udfff":1}')).toEqual({ path: '$', message: expect.stringContaining('has a key that holds a lone UTF-16 surrogate') });
    expect(scan('{"a":"\\uD83D\\uDE00"}')).toBeNull();
  });

  it('cuts long keys in messages', () => {
    const key = 'k'.repeat(500);
    const problem = scan(`{"${key}":1,"${key}":2}`)!;
    expect(problem.message.length).toBeLessThan(150);
    expect(problem.message).toContain('(500 characters)');
  });

  it('never throws and leaves syntax errors to JSON.parse (null, or a problem found before the error)', () => {
    for (const text of ['', '{', '"abc', '"\\x"', '"\\u12"', '{"a":1,', ']]]]', '}{', '{"a" "b"}', '[1 2]', 'tru', '\u0000']) {
      expect(() => scan(text)).not.toThrow();
    }
    expect(scan('"abc')).toBeNull();
    expect(scan('{"a":1,"a":')).toMatchObject({ message: expect.stringContaining('twice') });
  });

  it('agrees with JSON.parse on generated documents: nothing found in JSON.stringify output, a duplicate found when one is spliced in', () => {
    let seed = 12345;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const chars = ['a', 'Z', '"', '\\', '/', '\n', '\u200b', '\u202e', 'é', '😀', '}', ']', ',', ':'];
    const str = () => Array.from({ length: Math.floor(random() * 6) }, () => chars[Math.floor(random() * chars.length)]).join('');
    const value = (depth: number): unknown => {
      const r = random();
      if (depth > 5 || r < 0.3) return [null, true, 1.5e300, -0, str()][Math.floor(random() * 5)];
      if (r < 0.6) return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
      const obj: Record<string, unknown> = {};
      for (let k = 0; k < 1 + Math.floor(random() * 4); k++) obj[`${str()}${k}`] = value(depth + 1);
      return obj;
    };
    for (let n = 0; n < 300; n++) {
      const text = JSON.stringify({ root: value(0) });
      expect(scan(text)).toBeNull();
      const spliced = `{"dup":1,${text.slice(1, -1)},"dup":2}`;
      expect(scan(spliced)).toEqual({ path: '$', message: expect.stringContaining('"dup" twice') });
    }
  });
});
