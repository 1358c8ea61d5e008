import { copyIdentityOf, sameJsonValue, sharesCarrierText, withCopyIdentity } from './shared-copies';

describe('shared copies of a publication (stored form)', () => {
  const customBlock = { B022: { addressLine1: 'Flat "2" \\ Rue d\u2019Été \u2028', n: 1.5e-7, list: [0, -1, null, true] } };
  const message = (reference: string, transaction: string, custom: Record<string, unknown> = customBlock) => ({
    CommonBlock: {
      S0: { interfaceID: 'IF-036', schemaVersion: '011', eventCode: '[MSAppActive]' },
      S1: { environmentTag: 'PRD', subText: null, senderUniqueReference: reference, senderTimestamp: '2025-04-01T09:00:00+00:00' },
      D0: { transactionID: transaction, publicationID: 'PUB-036', replayIndicator: false },
      M0: { MPANCore: '1900012374324' },
    },
    CustomBlock: custom,
  });
  const texts: string[] = [];
  const textOf = (m: unknown) => () => {
    const text = JSON.stringify(m);
    texts.push(text);
    return text;
  };

  beforeEach(() => {
    texts.length = 0;
  });

  it('puts another copy\'s values in the carrier, members in their order, the carrier untouched', () => {
    const carrier = message('S-p7i0', 'T-0');
    const copy = withCopyIdentity(carrier, { senderUniqueReference: 'S-p7i1', transactionId: 'T-1' });
    expect(JSON.stringify(copy)).toBe(JSON.stringify(message('S-p7i1', 'T-1')));
    expect(carrier.CommonBlock.S1.senderUniqueReference).toBe('S-p7i0');
    const reversed = { CommonBlock: { D0: carrier.CommonBlock.D0, S1: carrier.CommonBlock.S1 }, CustomBlock: carrier.CustomBlock };
    expect(Object.keys(withCopyIdentity(reversed, { senderUniqueReference: 'S', transactionId: 'T' }).CommonBlock as object)).toEqual(['D0', 'S1']);
  });

  it('shares a copy that differs only in its two values, without writing its text when the values are the same', () => {
    const carrier = message('S-i0', 'T-0');
    const copy = message('S-i1', 'T-1');
    expect(sharesCarrierText(carrier, { senderUniqueReference: 'S-i1', transactionId: 'T-1' }, copy, textOf(copy))).toBe(true);
    expect(texts).toEqual([]);
  });

  it('compares the texts when the values are not judged the same, and shares only on equal texts', () => {
    const carrier = message('S-i0', 'T-0');
    // Same text, other values: an own member holding undefined (JSON.stringify leaves it out).
    const withUndefined = { ...message('S-i1', 'T-1'), Extra: undefined };
    expect(sharesCarrierText(carrier, { senderUniqueReference: 'S-i1', transactionId: 'T-1' }, withUndefined, textOf(withUndefined))).toBe(true);
    expect(texts).toHaveLength(1);
    const otherBlock = message('S-i2', 'T-2', { B099: {} });
    expect(sharesCarrierText(carrier, { senderUniqueReference: 'S-i2', transactionId: 'T-2' }, otherBlock, textOf(otherBlock))).toBe(false);
    // The item's transaction id column is what the reader serves: a copy whose D0 says otherwise keeps its text.
    const copy = message('S-i3', 'T-3');
    expect(sharesCarrierText(carrier, { senderUniqueReference: 'S-i3', transactionId: 'T-column' }, copy, textOf(copy))).toBe(false);
  });

  it('judges values the same only when their JSON texts are equal, member order included', () => {
    const a = message('S', 'T');
    expect(sameJsonValue(a, message('S', 'T'))).toBe(true);
    expect(sameJsonValue({ x: 1, y: 2 }, { y: 2, x: 1 })).toBe(false);
    expect(sameJsonValue([1, [2, { z: null }]], [1, [2, { z: null }]])).toBe(true);
    expect(sameJsonValue([1, 2], [1, 2, 3])).toBe(false);
    expect(sameJsonValue({ a: [] }, { a: {} })).toBe(false);
    expect(sameJsonValue(new Date(0), new Date(0))).toBe(false);
    expect(sameJsonValue(Number.NaN, Number.NaN)).toBe(false);
    expect(sameJsonValue('1', 1)).toBe(false);
    for (const [x, y] of [[a, message('S', 'T')], [[1, 'x'], [1, 'x']], [{ p: { q: [true] } }, { p: { q: [true] } }]] as const) {
      expect(JSON.stringify(x)).toBe(JSON.stringify(y));
    }
  });

  it('reads the two values of an egress message only, as text', () => {
    expect(copyIdentityOf(message('S-1', 'T-1'))).toEqual({ senderUniqueReference: 'S-1', transactionId: 'T-1' });
    expect(copyIdentityOf({ transactionID: 'T-1', message: 'status' })).toBeNull();
    expect(copyIdentityOf({ CommonBlock: { S1: { senderUniqueReference: 1 }, D0: { transactionID: 'T' } } })).toBeNull();
    expect(copyIdentityOf(null)).toBeNull();
    expect(() => withCopyIdentity([], { senderUniqueReference: 'S', transactionId: 'T' })).toThrow(TypeError);
  });
});
