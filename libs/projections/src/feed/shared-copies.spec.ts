import { copyIdentityOf, copyTemplateOf, RenderedCopy, shareCopies, withCopyIdentity } from './shared-copies';

describe('shared copies of a publication (stored form)', () => {
  const message = (reference: string, transaction: string, extra: Record<string, unknown> = {}) => ({
    CommonBlock: {
      S0: { interfaceID: 'IF-036', schemaVersion: '011', eventCode: '[MSAppActive]' },
      S1: { environmentTag: 'PRD', subText: null, senderUniqueReference: reference, senderTimestamp: '2025-04-01T09:00:00+00:00' },
      D0: { transactionID: transaction, publicationID: 'PUB-036', replayIndicator: false },
      M0: { MPANCore: '1900012374324' },
    },
    CustomBlock: { B022: { addressLine1: 'Flat "2" \\ Rue d\u2019Été \u2028', n: 1.5e-7, list: [0, -1, null, true] }, ...extra },
  });
  const copy = (m: ReturnType<typeof message>, transactionId = m.CommonBlock.D0.transactionID): RenderedCopy => ({
    text: JSON.stringify(m),
    senderUniqueReference: copyIdentityOf(m)?.senderUniqueReference ?? null,
    transactionId,
  });

  it('a template gives JSON.stringify of the carrier with another copy\'s values, escapes and all', () => {
    const carrier = message('S-p7i0', 'T-0');
    const template = copyTemplateOf(carrier)!;
    for (const [reference, transaction] of [['S-p7i1', 'T-1'], ['S-"quoted"\\', 'T-\u0000\u00e9'], ['', '']]) {
      expect(template.textOf({ senderUniqueReference: reference!, transactionId: transaction! })).toBe(JSON.stringify(message(reference!, transaction!)));
    }
  });

  it('keeps the members in their order whichever of S1 and D0 comes first', () => {
    const m = message('S-a', 'T-a');
    const reversed = { CommonBlock: { D0: m.CommonBlock.D0, S1: m.CommonBlock.S1 }, CustomBlock: m.CustomBlock };
    const template = copyTemplateOf(reversed)!;
    const identity = { senderUniqueReference: 'S-b', transactionId: 'T-b' };
    expect(template.textOf(identity)).toBe(JSON.stringify(withCopyIdentity(reversed, identity)));
    expect(Object.keys(withCopyIdentity(reversed, identity).CommonBlock as object)).toEqual(['D0', 'S1']);
    expect(reversed.CommonBlock.S1.senderUniqueReference).toBe('S-a');
  });

  it('shares every copy that differs only in its two values, the carrier (first) keeping its text', () => {
    const copies = [copy(message('S-i0', 'T-0')), copy(message('S-i1', 'T-1')), copy(message('S-i2', 'T-2'))];
    expect(shareCopies(copies, copyTemplateOf(message('S-i0', 'T-0')))).toEqual([false, true, true]);
  });

  it('keeps the whole text of a copy that differs anywhere else, or whose transaction id column is not its D0 value', () => {
    const carrier = message('S-i0', 'T-0');
    const template = copyTemplateOf(carrier);
    const other = copy(message('S-i1', 'T-1', { B099: {} }));
    const wrongColumn = copy(message('S-i2', 'T-2'), 'T-other');
    const statusLike: RenderedCopy = { text: '{"transactionID":"T-3"}', senderUniqueReference: null, transactionId: 'T-3' };
    expect(shareCopies([copy(carrier), other, wrongColumn, statusLike, copy(message('S-i4', 'T-4'))], template)).toEqual([false, false, false, false, true]);
  });

  it('shares nothing with one copy, without a template, or when the carrier\'s text is not its canonical JSON', () => {
    const carrier = message('S-i0', 'T-0');
    expect(shareCopies([copy(carrier)], copyTemplateOf(carrier))).toEqual([false]);
    expect(shareCopies([copy(carrier), copy(message('S-i1', 'T-1'))], null)).toEqual([false, false]);
    const spaced = { ...copy(carrier), text: JSON.stringify(carrier, null, 1) };
    expect(shareCopies([spaced, copy(message('S-i1', 'T-1'))], copyTemplateOf(carrier))).toEqual([false, false]);
  });

  it('has no template and no identity for a message without S1.senderUniqueReference and D0.transactionID as text', () => {
    expect(copyTemplateOf({ transactionID: 'T-1', message: 'status' })).toBeNull();
    expect(copyIdentityOf({ CommonBlock: { S1: { senderUniqueReference: 1 }, D0: { transactionID: 'T' } } })).toBeNull();
    expect(copyIdentityOf(null)).toBeNull();
    expect(() => withCopyIdentity([], { senderUniqueReference: 'S', transactionId: 'T' })).toThrow(TypeError);
  });

  it('has no template when a stand-in would be ambiguous (a value holding it already)', () => {
    const carrier = message('S-i0', 'T-0', { B001: { note: '\u0000transaction-id\u0000' } });
    expect(copyTemplateOf(carrier)).toBeNull();
  });
});
