import { constants, createPublicKey, generateKeyPairSync, sign, X509Certificate } from 'node:crypto';
import { canonicalSignatureStringForOrigin, contentHashOf } from './canonical-request';
import { sampleKeyPair } from './client/sample-keys';
import { DipAuthError, DipAuthErrorCode } from './dip-auth.error';
import { DipSignatureHeaders } from './dip-headers';
import { spkiFingerprint } from './key-material';
import { DipKeyring } from './keyring/dip-keyring';
import { signDipRequest, SignDipRequestInput } from './sign-dip-request';
import { fixturePem, sampleDipKeyring, sampleReferenceData } from './testing/sample-keyring';
import { verifyDipRequest, VerifyDipRequestInput } from './verify-dip-request';

const NOW = '2025-04-01T09:00:00.000Z';
const MAX_SKEW_MS = 300_000;
const URL = '/dip-channel/IF-031';
const BODY = Buffer.from('[{"payload":{"CommonBlock":{"S0":{"interfaceID":"IF-031"}},"CustomBlock":{}}}]');
const keyring = sampleDipKeyring();
const supplier = sampleKeyPair('1000000001');
const otherSupplier = sampleKeyPair('1000000002');

type Signer = Pick<SignDipRequestInput, 'privateKeyPem'> & ({ certificatePem: string } | { publicKeyPem: string });
const asSigner = (pair: { privateKeyPem: string; certificatePem: string }): Signer => ({ privateKeyPem: pair.privateKeyPem, certificatePem: pair.certificatePem });

/** A request signed by `signer` (default: supplier 1000000001's sample key) at `signedAt`. */
function signedRequest(options: { signer?: Signer; signedAt?: string; method?: string; url?: string; body?: Buffer } = {}): Pick<VerifyDipRequestInput, 'method' | 'url' | 'rawBody' | 'headers'> & { signed: DipSignatureHeaders } {
  const method = options.method ?? 'POST';
  const url = options.url ?? URL;
  const body = options.body ?? BODY;
  const signed = signDipRequest({ method, url, body, now: options.signedAt ?? NOW, ...(options.signer ?? asSigner(supplier)) });
  return { method, url, rawBody: body, headers: lowerCased(signed), signed };
}

/** Headers as Node's HTTP server hands them over: names lower-cased. */
function lowerCased(headers: Record<string, string | string[] | undefined>): Record<string, string | string[] | undefined> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

function verify(request: Partial<VerifyDipRequestInput>, overrides: Partial<VerifyDipRequestInput> = {}) {
  return verifyDipRequest({
    method: 'POST', url: URL, rawBody: BODY, headers: {}, now: NOW, maxSkewMs: MAX_SKEW_MS, production: false, keyring,
    ...request, ...overrides,
  });
}

/** The DipAuthError `run` throws (failing the test if it throws anything else or nothing). */
function refusal(run: () => unknown): DipAuthError {
  try {
    run();
  } catch (error) {
    if (error instanceof DipAuthError) return error;
    throw new Error(`expected a DipAuthError, got ${String(error)}`);
  }
  throw new Error('expected a DipAuthError, but the request was accepted');
}

function expectRefused(run: () => unknown, code: DipAuthErrorCode, message?: string | RegExp): DipAuthError {
  const error = refusal(run);
  expect(error.code).toBe(code);
  if (typeof message === 'string') expect(error.message).toBe(message);
  else if (message) expect(error.message).toMatch(message);
  return error;
}

const withHeader = (req: ReturnType<typeof signedRequest>, name: string, value: string | string[] | undefined) => ({
  ...req,
  headers: { ...req.headers, [name.toLowerCase()]: value },
});

describe('verifyDipRequest: a correctly signed request', () => {
  it('maps the request to the participant whose registered key signed it', () => {
    const result = verify(signedRequest());
    expect(result).toEqual({
      dipId: '1000000001',
      mpid: 'BRWE',
      roles: [{ role: 'SUP', effectiveFrom: expect.any(String), effectiveTo: null }],
      participant: sampleReferenceData().participant('1000000001'),
      keyFingerprint: spkiFingerprint(createPublicKey(supplier.certificatePem)),
      sampleKey: true,
      signatureDate: NOW,
    });
  });

  it('verifies for every sample participant with its own sample key', () => {
    const ids = sampleReferenceData().participants().map((p) => p.dipId);
    expect(ids).toHaveLength(47);
    for (const dipId of ids) {
      expect(verify(signedRequest({ signer: asSigner(sampleKeyPair(dipId)) })).dipId).toBe(dipId);
    }
  });

  it('matches header names in any case', () => {
    const req = signedRequest();
    expect(verify({ ...req, headers: req.signed }).dipId).toBe('1000000001');
  });

  it('verifies a request without a body (hash of zero bytes), e.g. a GET', () => {
    const req = signedRequest({ method: 'GET', url: '/feed/1000000001?after=3', body: Buffer.alloc(0) });
    expect(verify(req).dipId).toBe('1000000001');
  });

  it('accepts a bare SPKI public key in the certificate header when that key is registered', () => {
    const publicKeyPem = createPublicKey(supplier.certificatePem).export({ type: 'spki', format: 'pem' }).toString();
    expect(verify(signedRequest({ signer: { privateKeyPem: supplier.privateKeyPem, publicKeyPem } })).dipId).toBe('1000000001');
  });

  it('does not care about the case of the URL (the canonical string lower-cases it, as the DIP does)', () => {
    const req = signedRequest({ url: '/dip-channel/IF-031?Mode=Test' });
    expect(verify({ ...req, url: '/DIP-CHANNEL/if-031?mode=TEST' }).dipId).toBe('1000000001');
  });

  it('takes the path and query of an absolute URL the signer used', () => {
    const req = signedRequest({ url: 'https://regs.example.org/dip-channel/IF-031?x=1' });
    expect(verify({ ...req, url: '/dip-channel/IF-031?x=1' }).dipId).toBe('1000000001');
  });
});

describe('verifyDipRequest: missing and malformed headers', () => {
  it.each(['X-DIP-Signature-Date', 'X-DIP-Content-Hash', 'X-DIP-Signature-Certificate', 'X-DIP-Signature'])('names a missing %s', (name) => {
    const error = expectRefused(
      () => verify(withHeader(signedRequest(), name, undefined)),
      'MISSING_HEADER',
      `missing DIP signature header ${name}: every request carries X-DIP-Signature-Date, X-DIP-Content-Hash, X-DIP-Signature-Certificate, X-DIP-Signature`,
    );
    expect(error.details).toEqual({ header: name, headers: [name] });
  });

  it('names every missing header at once, and counts an empty value as missing', () => {
    const req = signedRequest();
    const error = expectRefused(() => verify({ ...req, headers: { 'x-dip-signature': '', 'x-dip-content-hash': req.signed['X-DIP-Content-Hash'] } }), 'MISSING_HEADER');
    expect(error.details.headers).toEqual(['X-DIP-Signature-Date', 'X-DIP-Signature-Certificate', 'X-DIP-Signature']);
  });

  it('refuses a header sent twice (as an array, or under two spellings)', () => {
    const req = signedRequest();
    const date = req.signed['X-DIP-Signature-Date'];
    expectRefused(() => verify(withHeader(req, 'X-DIP-Signature-Date', [date, date])), 'MALFORMED_HEADER', 'X-DIP-Signature-Date is repeated; send it once');
    expectRefused(() => verify({ ...req, headers: { ...req.headers, 'X-DIP-Signature': req.signed['X-DIP-Signature'] } }), 'MALFORMED_HEADER', 'X-DIP-Signature is repeated; send it once');
  });

  it.each([
    ['X-DIP-Signature-Date', 65],
    ['X-DIP-Content-Hash', 45],
    ['X-DIP-Signature-Certificate', 12_001],
    ['X-DIP-Signature', 1_369],
  ])('refuses %s longer than its limit before decoding it', (name, length) => {
    expectRefused(() => verify(withHeader(signedRequest(), name, 'A'.repeat(length))), 'MALFORMED_HEADER', new RegExp(`^${name} is ${length} characters long; at most ${length - 1} are accepted$`));
  });

  it.each([
    ['X-DIP-Content-Hash', 'ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0'], // no padding
    ['X-DIP-Content-Hash', 'ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0='], // base64url
    ['X-DIP-Content-Hash', 'ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa1='], // non-zero trailing bits
    ['X-DIP-Signature', 'not base64!'],
    ['X-DIP-Signature-Certificate', 'LS0tLS1CRUdJTi BDRVJU'],
  ])('refuses a %s that is not strict base64 (%j)', (name, value) => {
    expectRefused(
      () => verify(withHeader(signedRequest(), name, value)),
      'MALFORMED_HEADER',
      `${name} is not base64 (standard alphabet A–Z a–z 0–9 + /, padded with =, no spaces or line breaks)`,
    );
  });

  it('refuses a hex SHA-256 digest (64 characters) as the content hash: the header is base64', () => {
    const hex = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
    expectRefused(() => verify(withHeader(signedRequest(), 'X-DIP-Content-Hash', hex)), 'MALFORMED_HEADER', 'X-DIP-Content-Hash is 64 characters long; at most 44 are accepted');
  });

  it('refuses a content hash that is base64 but not 32 bytes', () => {
    expectRefused(
      () => verify(withHeader(signedRequest(), 'X-DIP-Content-Hash', Buffer.alloc(20).toString('base64'))),
      'MALFORMED_HEADER',
      'X-DIP-Content-Hash decodes to 20 bytes; a SHA-256 digest is 32 bytes (44 base64 characters)',
    );
  });

  it.each(['2025-04-01T10:00:00.000+01:00', '2025-04-01', 'Tue, 01 Apr 2025 09:00:00 GMT', '2025-02-30T09:00:00.000Z', 'yesterday'])(
    'refuses the date %j: only UTC ISO 8601 instants',
    (date) => {
      expectRefused(
        () => verify(withHeader(signedRequest(), 'X-DIP-Signature-Date', date)),
        'MALFORMED_DATE',
        `X-DIP-Signature-Date ${JSON.stringify(date)} is not a UTC ISO 8601 instant such as 2025-04-01T09:00:00.000Z`,
      );
    },
  );
});

describe('verifyDipRequest: the skew window (bounds included)', () => {
  const at = (ms: number) => new Date(Date.parse(NOW) + ms).toISOString();

  it.each([MAX_SKEW_MS, -MAX_SKEW_MS, 0, 1, -1])('accepts a date %d ms from the registry clock', (offset) => {
    expect(verify(signedRequest({ signedAt: at(offset) })).dipId).toBe('1000000001');
  });

  it('refuses a date 1 ms past the window ahead, saying how far', () => {
    const error = expectRefused(
      () => verify(signedRequest({ signedAt: at(MAX_SKEW_MS + 1) })),
      'DATE_OUTSIDE_SKEW_WINDOW',
      'X-DIP-Signature-Date 2025-04-01T09:05:00.001Z is 5 min 0.001 s (300001 ms) ahead of the registry\'s clock (2025-04-01T09:00:00.000Z); ' +
        'the window is ±5 min (300000 ms): sign each request when it is sent, with a synchronised clock',
    );
    expect(error.details.skewMs).toBe(300_001);
  });

  it('refuses a date 1 ms past the window behind (a replayed request), saying how far', () => {
    const error = expectRefused(() => verify(signedRequest({ signedAt: at(-MAX_SKEW_MS - 1) })), 'DATE_OUTSIDE_SKEW_WINDOW', /is 5 min 0.001 s \(300001 ms\) behind the registry's clock/);
    expect(error.details.skewMs).toBe(-300_001);
  });

  it('refuses a day-old signature with hours in the message', () => {
    expectRefused(() => verify(signedRequest({ signedAt: at(-26 * 3_600_000 - 61_000) })), 'DATE_OUTSIDE_SKEW_WINDOW', /is 26 h 1 min 1 s \(93661000 ms\) behind/);
  });

  it('with a window of 0 accepts only the exact instant', () => {
    expect(verify(signedRequest(), { maxSkewMs: 0 }).dipId).toBe('1000000001');
    expectRefused(() => verify(signedRequest({ signedAt: at(1) }), { maxSkewMs: 0 }), 'DATE_OUTSIDE_SKEW_WINDOW');
  });
});

describe('verifyDipRequest: tampering', () => {
  it('refuses a body changed by one byte', () => {
    const req = signedRequest();
    const tampered = Buffer.from(BODY);
    tampered[tampered.length - 3] ^= 1;
    expectRefused(() => verify({ ...req, rawBody: tampered }), 'CONTENT_HASH_MISMATCH', new RegExp(`^X-DIP-Content-Hash \\S+ is not the SHA-256 of the ${BODY.length}-byte body received \\(\\S+\\); hash the exact bytes sent$`));
  });

  it('refuses the same JSON re-serialised with other whitespace (the hash is of bytes, not of JSON)', () => {
    const req = signedRequest();
    const reformatted = Buffer.from(JSON.stringify(JSON.parse(BODY.toString()), null, 2));
    expectRefused(() => verify({ ...req, rawBody: reformatted }), 'CONTENT_HASH_MISMATCH');
  });

  it('refuses a body whose hash header was recomputed but not re-signed', () => {
    const other = Buffer.from('[]');
    const req = withHeader(signedRequest(), 'X-DIP-Content-Hash', signedRequest({ body: other }).signed['X-DIP-Content-Hash']);
    expectRefused(() => verify({ ...req, rawBody: other }), 'SIGNATURE_INVALID');
  });

  it.each([
    ['another channel', '/dip-channel/IF-034'],
    ['an added query', '/dip-channel/IF-031?replay=true'],
    ['a trailing slash', '/dip-channel/IF-031/'],
    ['a percent-encoded path', '/dip-channel/IF%2D031'],
  ])('refuses a request whose URL differs from the one signed: %s', (_what, url) => {
    expectRefused(
      () => verify({ ...signedRequest(), url }),
      'SIGNATURE_INVALID',
      new RegExp(`^X-DIP-Signature does not verify with the key of 1000000001 over "POST;${url.toLowerCase().replace(/[?/]/g, '\\$&')};`),
    );
  });

  it('refuses a changed query value', () => {
    const req = signedRequest({ method: 'GET', url: '/feed/1000000001?after=3', body: Buffer.alloc(0) });
    expectRefused(() => verify({ ...req, url: '/feed/1000000001?after=0' }), 'SIGNATURE_INVALID');
  });

  it('refuses another method than signed', () => {
    expectRefused(() => verify({ ...signedRequest(), method: 'PUT' }), 'SIGNATURE_INVALID', /over "PUT;\/dip-channel\/if-031;/);
  });

  it('refuses a date changed after signing, even inside the window', () => {
    expectRefused(() => verify(withHeader(signedRequest(), 'X-DIP-Signature-Date', '2025-04-01T09:00:01.000Z')), 'SIGNATURE_INVALID');
  });

  it('refuses a signature cut short, saying how long it should be', () => {
    const req = signedRequest();
    const short = Buffer.from(req.signed['X-DIP-Signature'], 'base64').subarray(0, 255).toString('base64');
    expectRefused(() => verify(withHeader(req, 'X-DIP-Signature', short)), 'SIGNATURE_INVALID', 'X-DIP-Signature decodes to 255 bytes; a signature by the 2048-bit RSA key of 1000000001 is 256 bytes');
  });
});

describe('verifyDipRequest: keys and certificates', () => {
  it("refuses a request signed with one participant's key that presents another participant's certificate", () => {
    const signer: Signer = { privateKeyPem: supplier.privateKeyPem, certificatePem: supplier.certificatePem };
    const req = signedRequest({ signer });
    const forged = withHeader(req, 'X-DIP-Signature-Certificate', Buffer.from(otherSupplier.certificatePem).toString('base64'));
    const error = expectRefused(() => verify(forged), 'SIGNATURE_INVALID', /with the key of 1000000002/);
    expect(error.details.dipId).toBe('1000000002');
  });

  it('maps a certificate by its key, never by its subject: a certificate naming 1000000001 over the key of 1000000002 is 1000000002', () => {
    const mislabelled = fixturePem('mislabelled-1000000001-with-key-of-1000000002.cert.pem');
    expect(new X509Certificate(mislabelled).subject).toContain('CN=1000000001 BRWE');
    const req = signedRequest({ signer: { privateKeyPem: otherSupplier.privateKeyPem, certificatePem: mislabelled } });
    expect(verify(req).dipId).toBe('1000000002');
  });

  it('refuses a certificate whose key is registered to no participant, giving its fingerprint', () => {
    const certificatePem = fixturePem('unregistered.cert.pem');
    const fingerprint = spkiFingerprint(createPublicKey(certificatePem));
    const error = expectRefused(
      () => verify(signedRequest({ signer: { privateKeyPem: fixturePem('unregistered.key.pem'), certificatePem } })),
      'KEY_NOT_REGISTERED',
      `the key in X-DIP-Signature-Certificate (SHA-256 fingerprint ${fingerprint}) is not registered to any participant`,
    );
    expect(error.details).toEqual({ header: 'X-DIP-Signature-Certificate', keyFingerprint: fingerprint });
  });

  it('refuses an unregistered bare public key', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const signer = { privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
    expectRefused(() => verify(signedRequest({ signer })), 'KEY_NOT_REGISTERED');
  });

  it('refuses a certificate past its validity (the sample certificates end 2049-12-31T23:59:59Z) and accepts it at that last second', () => {
    const last = '2049-12-31T23:59:59.000Z';
    expect(verify(signedRequest({ signedAt: last }), { now: last }).dipId).toBe('1000000001');
    const after = '2050-01-01T00:00:00.000Z';
    expectRefused(
      () => verify(signedRequest({ signedAt: after }), { now: after }),
      'CERTIFICATE_EXPIRED',
      'the certificate in X-DIP-Signature-Certificate expired at 2049-12-31T23:59:59.000Z (now 2050-01-01T00:00:00.000Z)',
    );
  });

  it('checks a certificate it has read before again on every request: valid, then expired, then valid again', () => {
    const last = '2049-12-31T23:59:59.000Z';
    const after = '2050-01-01T00:00:00.000Z';
    expect(verify(signedRequest({ signedAt: last }), { now: last }).dipId).toBe('1000000001');
    expectRefused(() => verify(signedRequest({ signedAt: after }), { now: after }), 'CERTIFICATE_EXPIRED');
    expect(verify(signedRequest({ signedAt: last }), { now: last }).dipId).toBe('1000000001');
    const forged = withHeader(signedRequest(), 'X-DIP-Signature-Certificate', Buffer.from(otherSupplier.certificatePem).toString('base64'));
    expectRefused(() => verify(forged), 'SIGNATURE_INVALID', /with the key of 1000000002/);
  });

  it('refuses a certificate before its validity starts (the sample certificates start 2020-01-01)', () => {
    const before = '2019-12-31T23:59:59.999Z';
    expectRefused(
      () => verify(signedRequest({ signedAt: before }), { now: before }),
      'CERTIFICATE_NOT_YET_VALID',
      'the certificate in X-DIP-Signature-Certificate is valid only from 2020-01-01T00:00:00.000Z (now 2019-12-31T23:59:59.999Z)',
    );
  });

  it('bounds a key registered by certificate by that certificate, even when a bare public key is presented', () => {
    const publicKeyPem = createPublicKey(supplier.certificatePem).export({ type: 'spki', format: 'pem' }).toString();
    const after = '2050-01-01T00:00:00.000Z';
    const req = signedRequest({ signer: { privateKeyPem: supplier.privateKeyPem, publicKeyPem }, signedAt: after });
    expectRefused(() => verify(req, { now: after }), 'CERTIFICATE_EXPIRED', /^the certificate registered for 1000000001 expired at 2049-12-31T23:59:59.000Z/);
  });

  it('accepts a key registered by fingerprint only', () => {
    const fingerprint = spkiFingerprint(createPublicKey(supplier.certificatePem));
    const byFingerprint = DipKeyring.fromRegistrations('t', [{ dipId: '1000000001', fingerprint, sample: false, source: 'test' }], sampleReferenceData());
    expect(verify(signedRequest(), { keyring: byFingerprint, production: true }).sampleKey).toBe(false);
  });

  it.each([
    ['text that is not PEM', 'hello'],
    ['binary bytes', '\u0000\u00ff\u0010'],
    ['a CERTIFICATE block of garbage', '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'],
    ['a certificate request', '-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n'],
    ['an unterminated block', '-----BEGIN CERTIFICATE-----\nAAAA\n'],
  ])('refuses a certificate header holding %s', (_what, text) => {
    expectRefused(
      () => verify(withHeader(signedRequest(), 'X-DIP-Signature-Certificate', Buffer.from(text, 'latin1').toString('base64'))),
      'MALFORMED_CERTIFICATE',
      /^X-DIP-Signature-Certificate must be the base64 of a PEM certificate; the decoded text /,
    );
  });

  it('refuses a certificate header that holds a private key, and says the key is burnt', () => {
    const withKey = supplier.certificatePem + supplier.privateKeyPem;
    expectRefused(
      () => verify(withHeader(signedRequest(), 'X-DIP-Signature-Certificate', Buffer.from(withKey).toString('base64'))),
      'MALFORMED_CERTIFICATE',
      'X-DIP-Signature-Certificate must be the base64 of a PEM certificate; the decoded text holds a PRIVATE KEY; give only the certificate or public key (a private key that has been sent or shared is no longer secret: replace it)',
    );
  });

  it('takes the first certificate of a chain', () => {
    const req = signedRequest();
    const chain = supplier.certificatePem + otherSupplier.certificatePem;
    expect(verify(withHeader(req, 'X-DIP-Signature-Certificate', Buffer.from(chain).toString('base64'))).dipId).toBe('1000000001');
  });

  it.each([
    ['an EC key', () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey, /is a key of type ec; DIP signatures are RSA-SHA256, so the key must be RSA$/],
    ['a 1024-bit RSA key', () => generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey, /is an RSA key of 1024 bits; at least 2048 are required$/],
  ])('refuses %s', (_what, key, message) => {
    const pem = key().export({ type: 'spki', format: 'pem' }).toString();
    expectRefused(() => verify(withHeader(signedRequest(), 'X-DIP-Signature-Certificate', Buffer.from(pem).toString('base64'))), 'UNSUPPORTED_KEY', message);
  });
});

describe('verifyDipRequest: production mode', () => {
  it('refuses a public sample key in production mode', () => {
    const error = expectRefused(() => verify(signedRequest(), { production: true }), 'SAMPLE_KEY_REFUSED', /^the key [0-9a-f]{64} of 1000000001 is a published sample key \(reference-data\/sample-keys\), refused in production mode/);
    expect(error.details.dipId).toBe('1000000001');
  });

  it('accepts the same key in production mode once it is registered as not a sample', () => {
    const own = DipKeyring.fromRegistrations('t', [{ dipId: '1000000001', pem: supplier.certificatePem, sample: false, source: 'test' }], sampleReferenceData());
    expect(verify(signedRequest(), { production: true, keyring: own })).toMatchObject({ dipId: '1000000001', sampleKey: false });
  });

  it('refuses a sample key in production mode before checking its signature', () => {
    expectRefused(() => verify(withHeader(signedRequest(), 'X-DIP-Signature', Buffer.alloc(256).toString('base64')), { production: true }), 'SAMPLE_KEY_REFUSED');
  });
});

describe('verifyDipRequest: odd header values never escape as untyped exceptions', () => {
  const b64 = (text: string | Buffer) => Buffer.from(text).toString('base64');
  const odd: string[] = [
    ' ', '=', '====', '////', '\u0000', 'é', '\u202e', '💥', 'A'.repeat(100_000), '='.repeat(2_000), 'null', '{"a":1}', '-1', 'NaN',
    b64(Buffer.alloc(5_000, 0xff)), b64('-----BEGIN CERTIFICATE-----\n' + 'A'.repeat(5_000)), b64('-----BEGIN PUBLIC KEY-----\nAA==\n-----END PUBLIC KEY-----\n'),
    b64('-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n'), b64('-----BEGIN CERTIFICATE-----'.repeat(300)),
  ];
  const names = ['X-DIP-Signature-Date', 'X-DIP-Content-Hash', 'X-DIP-Signature-Certificate', 'X-DIP-Signature'];

  it.each(names)('%s: every odd value gives a DipAuthError with a specific code', (name) => {
    const req = signedRequest();
    for (const value of odd) {
      const error = refusal(() => verify(withHeader(req, name, value)));
      expect(['MALFORMED_HEADER', 'MALFORMED_DATE', 'MALFORMED_CERTIFICATE', 'UNSUPPORTED_KEY', 'SIGNATURE_INVALID']).toContain(error.code);
      expect(error.message.length).toBeLessThan(1_000);
    }
  });

  it('an odd method or URL is a failed signature, not a crash', () => {
    for (const value of ['', ' ', 'é', '\u0000', '💥', 'x'.repeat(50_000)]) {
      expect(refusal(() => verify({ ...signedRequest(), method: value })).code).toBe('SIGNATURE_INVALID');
      expect(refusal(() => verify({ ...signedRequest(), url: value })).code).toBe('SIGNATURE_INVALID');
    }
  });

  it('a programming error in the call (bad now, bad window) is a RangeError, not a refusal', () => {
    expect(() => verify(signedRequest(), { now: 'now' })).toThrow(RangeError);
    expect(() => verify(signedRequest(), { maxSkewMs: -1 })).toThrow(RangeError);
    expect(() => verify(signedRequest(), { maxSkewMs: Number.NaN })).toThrow(RangeError);
  });
});

describe('verifyDipRequest: signatures over the absolute URL (a configured public origin)', () => {
  const ORIGIN = 'https://registry.example.org';
  /** Signs as a DIP-style client does: over `METHOD;lower-case absolute URL;date;hash`. */
  function signedOverAbsoluteUrl(origin: string): Pick<VerifyDipRequestInput, 'method' | 'url' | 'rawBody' | 'headers'> {
    const hash = contentHashOf(BODY);
    const canonical = canonicalSignatureStringForOrigin('POST', origin, URL, NOW, hash);
    const signature = sign('sha256', Buffer.from(canonical, 'utf8'), { key: supplier.privateKeyPem, padding: constants.RSA_PKCS1_PADDING });
    const headers = {
      'x-dip-signature-date': NOW,
      'x-dip-content-hash': hash,
      'x-dip-signature-certificate': Buffer.from(supplier.certificatePem).toString('base64'),
      'x-dip-signature': signature.toString('base64'),
    };
    return { method: 'POST', url: URL, rawBody: BODY, headers };
  }

  it('accepts it when the registry is configured with that origin (case-insensitively), and still accepts path-only signatures', () => {
    expect(verify(signedOverAbsoluteUrl('https://Registry.Example.org'), { publicOrigin: ORIGIN }).dipId).toBe('1000000001');
    expect(verify(signedRequest(), { publicOrigin: ORIGIN }).dipId).toBe('1000000001');
  });

  it('refuses it without a configured origin, or with another origin, naming the origin accepted', () => {
    expectRefused(() => verify(signedOverAbsoluteUrl(ORIGIN)), 'SIGNATURE_INVALID');
    expectRefused(() => verify(signedOverAbsoluteUrl('https://evil.example.org'), { publicOrigin: ORIGIN }), 'SIGNATURE_INVALID', /or over the absolute URL on https:\/\/registry\.example\.org/);
  });
});
