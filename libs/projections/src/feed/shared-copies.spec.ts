import { copyIdentityOf, isPlainCarrier, sameJsonValue, sharesCarrierText, withCopyIdentity } from './shared-copies';

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
    // A toJSON decides the text whatever the members: even a hidden one makes values not the same.
    const hidden = (h: string) =>
      Object.defineProperties({ v: 1 }, { h: { enumerable: false, value: h }, toJSON: { enumerable: false, value(this: { h: string }) { return { h: this.h }; } } });
    expect(Object.keys(hidden('A'))).toEqual(Object.keys(hidden('B'))); // the same enumerable members …
    expect(JSON.stringify(hidden('A'))).not.toBe(JSON.stringify(hidden('B'))); // … and other texts
    expect(sameJsonValue({ c: hidden('A') }, { c: hidden('B') })).toBe(false);
    // Judged the same implies the same text; each pair is judged the same.
    for (const [x, y] of [[a, message('S', 'T')], [[1, 'x'], [1, 'x']], [{ p: { q: [true] } }, { p: { q: [true] } }], ['s', 's'], [null, null]] as const) {
      expect(sameJsonValue(x, y)).toBe(true);
      expect(JSON.stringify(x)).toBe(JSON.stringify(y));
    }
  });

  it('lets only a message whose path to its two values is plain objects carry the text', () => {
    expect(isPlainCarrier(message('S', 'T'))).toBe(true);
    expect(isPlainCarrier(JSON.parse(JSON.stringify(message('S', 'T'))))).toBe(true);
    // A member named toJSON anywhere else (CustomBlock) is not on the path and does not matter here.
    expect(isPlainCarrier(message('S', 'T', { toJSON: 'text' }))).toBe(true);
    const withToJson = (at: (m: ReturnType<typeof message>) => object) => {
      const m = message('S', 'T');
      Object.assign(at(m), { toJSON: () => ({}) });
      return m;
    };
    expect(isPlainCarrier(withToJson((m) => m))).toBe(false);
    expect(isPlainCarrier(withToJson((m) => m.CommonBlock))).toBe(false);
    expect(isPlainCarrier(withToJson((m) => m.CommonBlock.S1))).toBe(false);
    expect(isPlainCarrier(withToJson((m) => m.CommonBlock.D0))).toBe(false);
    class Rendered {}
    expect(isPlainCarrier(Object.assign(new Rendered(), message('S', 'T')))).toBe(false);
    const m = message('S', 'T');
    expect(isPlainCarrier({ ...m, CommonBlock: { ...m.CommonBlock, D0: Object.assign(Object.create(null) as object, m.CommonBlock.D0) } })).toBe(false);
    expect(isPlainCarrier({ transactionID: 'T', message: 'status' })).toBe(false);
    expect(isPlainCarrier(null)).toBe(false);
  });

  it('reads the two values of an egress message only, as text', () => {
    expect(copyIdentityOf(message('S-1', 'T-1'))).toEqual({ senderUniqueReference: 'S-1', transactionId: 'T-1' });
    expect(copyIdentityOf({ transactionID: 'T-1', message: 'status' })).toBeNull();
    expect(copyIdentityOf({ CommonBlock: { S1: { senderUniqueReference: 1 }, D0: { transactionID: 'T' } } })).toBeNull();
    expect(copyIdentityOf(null)).toBeNull();
    expect(() => withCopyIdentity([], { senderUniqueReference: 'S', transactionId: 'T' })).toThrow(TypeError);
  });
});
