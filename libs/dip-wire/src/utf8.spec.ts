import { describeUtf8Problem, findUtf8Problem } from './utf8';

describe('findUtf8Problem', () => {
  it('is null for well-formed UTF-8, a U+FFFD that was really written included', () => {
    expect(findUtf8Problem(Buffer.from('Café €𝄞 \uFFFD\n'))).toBeNull();
    expect(findUtf8Problem(Buffer.alloc(0))).toBeNull();
  });

  it.each([
    ['a lone continuation byte', [0x41, 0x80], { offset: 1, line: 1, byte: 0x80, cutOff: false }],
    ['a bad byte on line 3', [0x0a, 0x41, 0x0a, 0xff], { offset: 3, line: 3, byte: 0xff, cutOff: false }],
    ['an overlong "/"', [0xc0, 0xaf], { offset: 0, line: 1, byte: 0xc0, cutOff: false }],
    ['an encoded surrogate', [0xed, 0xa0, 0x80], { offset: 0, line: 1, byte: 0xed, cutOff: false }],
    ['a 2-byte sequence cut off at the end', [0x41, 0xc3], { offset: 1, line: 1, byte: 0xc3, cutOff: true }],
    ['a 3-byte sequence cut off after 2 bytes', [0xe2, 0x82], { offset: 0, line: 1, byte: 0xe2, cutOff: true }],
    ['a 4-byte sequence cut off after 3 bytes', [0xf0, 0x9d, 0x84], { offset: 0, line: 1, byte: 0xf0, cutOff: true }],
    ['a lead byte followed by a non-continuation', [0xe2, 0x41], { offset: 0, line: 1, byte: 0xe2, cutOff: false }],
    ['an overlong start at the end (E0 80)', [0xe0, 0x80], { offset: 0, line: 1, byte: 0xe0, cutOff: false }],
  ])('finds %s', (_what, bytes, problem) => {
    expect(findUtf8Problem(Buffer.from(bytes))).toEqual(problem);
  });

  it('describes a cut-off sequence as cut off, anything else as not starting a valid sequence', () => {
    expect(describeUtf8Problem({ offset: 5, line: 1, byte: 0xc3, cutOff: true })).toBe('byte 5 (0xC3) starts a multi-byte UTF-8 sequence that is cut off by the end of the data');
    expect(describeUtf8Problem({ offset: 0, line: 1, byte: 0x80, cutOff: false })).toBe('byte 0 (0x80) does not start a valid UTF-8 sequence');
  });
});
