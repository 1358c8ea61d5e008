import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { assertUtf8File, readUtf8File } from './utf8-file';

describe('UTF-8 checks of the files registry send / load read', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'utf8-file-'));
  const file = (name: string, bytes: Buffer) => {
    const p = path.join(dir, name);
    writeFileSync(p, bytes);
    return p;
  };

  it('reads well-formed UTF-8 (multi-byte characters, a U+FFFD that is really there)', async () => {
    const p = file('ok.json', Buffer.from('[{"a":"Café € 𝄞 \uFFFD"}]\n'));
    expect(readUtf8File(p)).toBe('[{"a":"Café € 𝄞 \uFFFD"}]\n');
    await expect(assertUtf8File(p)).resolves.toBeUndefined();
  });

  it('refuses a bad byte, naming the file, the line and the byte offset', async () => {
    const p = file('bad.json', Buffer.concat([Buffer.from('{"a":1}\n{"b":"x'), Buffer.from([0xff]), Buffer.from('"}\n')]));
    const expected = `${p} is not well-formed UTF-8 (the service would refuse it): line 2, byte 15 (0xFF) does not start a valid UTF-8 sequence`;
    expect(() => readUtf8File(p)).toThrow(expected);
    await expect(assertUtf8File(p)).rejects.toThrow(expected);
  });

  it('says a multi-byte sequence cut off by the end of the file is cut off', async () => {
    const p = file('cut.json', Buffer.concat([Buffer.from('[1]'), Buffer.from([0xc3])]));
    const expected = 'line 1, byte 3 (0xC3) starts a multi-byte UTF-8 sequence that is cut off by the end of the data';
    expect(() => readUtf8File(p)).toThrow(expected);
    await expect(assertUtf8File(p)).rejects.toThrow(expected);
  });

  it('reads a character split across two chunks of the stream, and finds a bad byte in a later chunk', async () => {
    const lead = Buffer.alloc(65535, 0x61);
    lead[100] = 0x0a;
    const ok = file('big.json', Buffer.concat([lead, Buffer.from('€\n')]));
    await expect(assertUtf8File(ok)).resolves.toBeUndefined();
    const bad = file('big-bad.json', Buffer.concat([lead, Buffer.from('€\n'), Buffer.from([0x80])]));
    await expect(assertUtf8File(bad)).rejects.toThrow(`line 3, byte ${65535 + 4} (0x80) does not start`);
  });

  it('names a file that cannot be read', async () => {
    expect(() => readUtf8File(path.join(dir, 'missing'))).toThrow(/^cannot read .*missing: /);
    await expect(assertUtf8File(path.join(dir, 'missing'))).rejects.toThrow(/^cannot read .*missing: /);
  });
});
