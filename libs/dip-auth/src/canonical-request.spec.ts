import { canonicalSignatureString, contentHashOf, formatSignatureDate, parseSignatureDate, requestTargetOf } from './canonical-request';

describe('requestTargetOf: the signed URL is the path and query as sent', () => {
  it.each([
    ['/dip-channel/IF-031', '/dip-channel/IF-031'],
    ['/dip-channel/IF-031?dryRun=true&b=%2F', '/dip-channel/IF-031?dryRun=true&b=%2F'],
    ['https://regs.example.org/dip-channel/IF-031?x=1', '/dip-channel/IF-031?x=1'],
    ['http://127.0.0.1:51234/feed/1000000001', '/feed/1000000001'],
    ['https://regs.example.org', '/'],
    ['https://regs.example.org?x=1', '/?x=1'],
    ['/dip-channel/IF-031#fragment', '/dip-channel/IF-031'],
    ['/a/../b/./c', '/a/../b/./c'],
  ])('%s → %s', (url, target) => {
    expect(requestTargetOf(url)).toBe(target);
  });
});

describe('canonicalSignatureString (mhhs-domain.md §3.5: METHOD;lower-case-url;date;contentHash)', () => {
  it('upper-cases the method, lower-cases the whole path and query, keeps date and hash verbatim', () => {
    expect(canonicalSignatureString('post', '/DIP-Channel/IF-031?Mode=Test', '2025-04-01T09:00:00.000Z', 'AbC+/=')).toBe(
      'POST;/dip-channel/if-031?mode=test;2025-04-01T09:00:00.000Z;AbC+/=',
    );
  });

  it('signs the path of an absolute URL, as the registry only knows the path it received', () => {
    expect(canonicalSignatureString('GET', 'HTTPS://Regs.Example.org/Feed', 'd', 'h')).toBe('GET;/feed;d;h');
  });
});

describe('contentHashOf: base64 SHA-256 of the body bytes', () => {
  it('hashes no body as zero bytes', () => {
    expect(contentHashOf(undefined)).toBe('47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
    expect(contentHashOf('')).toBe('47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
  });

  it('hashes a string as UTF-8, the same as its bytes', () => {
    expect(contentHashOf('[{"a":"é"}]')).toBe(contentHashOf(Buffer.from('[{"a":"é"}]', 'utf8')));
    expect(contentHashOf('abc')).toBe('ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=');
  });
});

describe('parseSignatureDate: strict UTC ISO 8601 instants', () => {
  it.each([
    ['2025-04-01T09:00:00.000Z', Date.UTC(2025, 3, 1, 9)],
    ['2025-04-01T09:00:00Z', Date.UTC(2025, 3, 1, 9)],
    ['2025-04-01T09:00:00.5Z', Date.UTC(2025, 3, 1, 9, 0, 0, 500)],
    ['2025-04-01T09:00:00.123456789Z', Date.UTC(2025, 3, 1, 9, 0, 0, 123)],
    ['2024-02-29T23:59:59.999Z', Date.UTC(2024, 1, 29, 23, 59, 59, 999)],
  ])('reads %s', (value, epoch) => {
    expect(parseSignatureDate(value)).toBe(epoch);
  });

  it.each([
    '2025-04-01T09:00:00.000+01:00', // an offset: the header is UTC
    '2025-04-01T09:00:00.000z',
    '2025-04-01 09:00:00.000Z',
    '2025-04-01T09:00Z',
    '2025-04-01',
    '2025-02-30T00:00:00.000Z', // not a calendar date (Date would roll it over to 2 March)
    '2025-04-01T24:00:00.000Z',
    '2025-06-30T23:59:60.000Z', // leap second
    '0050-01-01T00:00:00.000Z', // Date.UTC would read year 50 as 1950
    '2025-04-01T09:00:00.0000000000Z', // fraction longer than 9 digits
    'Tue, 01 Apr 2025 09:00:00 GMT',
    '1743498000000',
    '',
  ])('refuses %j', (value) => {
    expect(parseSignatureDate(value)).toBeNull();
  });
});

describe('formatSignatureDate', () => {
  it('writes toISOString of the instant, converting an offset to UTC', () => {
    expect(formatSignatureDate('2025-04-01T10:00:00+01:00')).toBe('2025-04-01T09:00:00.000Z');
    expect(formatSignatureDate(new Date(Date.UTC(2025, 3, 1, 9)))).toBe('2025-04-01T09:00:00.000Z');
  });

  it('throws RangeError for something that is not an instant', () => {
    expect(() => formatSignatureDate('soon')).toThrow(RangeError);
  });
});
