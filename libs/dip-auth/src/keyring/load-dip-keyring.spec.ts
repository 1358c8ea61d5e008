import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleKeyPair } from '../client/sample-keys';
import { spkiFingerprint } from '../key-material';
import { sampleDipKeyring, sampleReferenceData } from '../testing/sample-keyring';
import { DipKeyring, DipKeyringError } from './dip-keyring';
import { loadDipKeyringFile, parseDipKeyring } from './load-dip-keyring';

const reference = sampleReferenceData();
const supplier = sampleKeyPair('1000000001');
const otherSupplier = sampleKeyPair('1000000002');
const fingerprintOf = (pem: string) => spkiFingerprint(createPublicKey(pem));
const files: Record<string, string> = {
  'brwe.cert.pem': supplier.certificatePem,
  'nstp.cert.pem': otherSupplier.certificatePem,
  'brwe.pub.pem': createPublicKey(supplier.certificatePem).export({ type: 'spki', format: 'pem' }).toString(),
  'brwe.key.pem': supplier.privateKeyPem,
};
const readPem = (file: string) => {
  if (!(file in files)) throw new Error(`ENOENT: no such file ${file}`);
  return files[file];
};

/** The problems `run` reports, as `path: message` lines. */
function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof DipKeyringError) return error.problems.map((p) => `${p.path}: ${p.message}`);
    throw error;
  }
  throw new Error('expected a DipKeyringError');
}

describe('the sample keyring (reference-data/participant-keys.json)', () => {
  const keyring = sampleDipKeyring();

  it('registers one public sample key for every sample participant', () => {
    expect(keyring.version).toBe('sample-2025.1');
    expect(keyring.size).toBe(reference.participants().length);
    expect(keyring.sampleKeyCount()).toBe(keyring.size);
    for (const p of reference.participants()) {
      const keys = keyring.keysOf(p.dipId);
      expect(keys).toHaveLength(1);
      expect(keys[0]).toMatchObject({ participant: p, sample: true, fingerprint: fingerprintOf(sampleKeyPair(p.dipId).certificatePem) });
      expect(keys[0].certificate?.validFrom).toBe('Jan  1 00:00:00 2020 GMT');
    }
  });

  it('finds a key by fingerprint', () => {
    expect(keyring.keyFor(fingerprintOf(supplier.certificatePem))?.participant.dipId).toBe('1000000001');
    expect(keyring.keyFor('0'.repeat(64))).toBeUndefined();
  });
});

describe('parseDipKeyring', () => {
  it('registers keys by certificate, by public key and by fingerprint (hex, any case, or colon-separated pairs)', () => {
    const fp = fingerprintOf(otherSupplier.certificatePem);
    const colons = fp.toUpperCase().match(/../g)!.join(':');
    const keyring = parseDipKeyring(
      {
        $comment: 'ignored',
        version: 'v1',
        keys: [
          { dipId: '1000000001', publicKey: 'brwe.pub.pem', sample: false },
          { dipId: '1000000002', fingerprint: colons, sample: false },
        ],
      },
      reference,
      readPem,
    );
    expect(keyring.keyFor(fingerprintOf(supplier.certificatePem))).toMatchObject({ sample: false, certificate: null, source: '$.keys[0] (brwe.pub.pem)' });
    expect(keyring.keyFor(fp)?.participant.dipId).toBe('1000000002');
  });

  it('lets a participant have several keys (rotation)', () => {
    const keyring = parseDipKeyring(
      { version: 'v1', keys: [{ dipId: '1000000001', certificate: 'brwe.cert.pem', sample: true }, { dipId: '1000000001', fingerprint: fingerprintOf(otherSupplier.certificatePem), sample: false }] },
      reference,
      readPem,
    );
    expect(keyring.keysOf('1000000001')).toHaveLength(2);
  });

  it('lists every problem with its JSON path', () => {
    const problems = problemsOf(() =>
      parseDipKeyring(
        {
          version: '',
          extra: 1,
          keys: [
            'x',
            { dipId: '123', certificate: 'brwe.cert.pem', sample: 'yes' },
            { dipId: '1000000001', sample: true },
            { dipId: '1000000001', certificate: 'brwe.cert.pem', fingerprint: 'ab', sample: true },
            { dipId: '1000000001', certificate: 'missing.pem', sample: true },
            { dipId: '1000000001', certificate: 'brwe.cert.pem' },
            { dipId: '1000000001', fingerprint: 'abc', sample: false, note: 'x' },
          ],
        },
        reference,
        readPem,
      ),
    );
    expect(problems).toEqual([
      '$.extra: unknown property (expected version, keys)',
      '$.version: expected a non-empty string',
      '$.keys[0]: expected a key object',
      '$.keys[1].dipId: "123" is not a 10-digit DIP id',
      '$.keys[1].sample: expected true (a public sample key) or false',
      '$.keys[2]: give exactly one of certificate, publicKey and fingerprint (got none)',
      '$.keys[3]: give exactly one of certificate, publicKey and fingerprint (got certificate, fingerprint)',
      '$.keys[4].certificate: cannot read missing.pem: ENOENT: no such file missing.pem',
      '$.keys[5].sample: is missing',
      '$.keys[6].note: unknown property (expected dipId, certificate, publicKey, fingerprint, sample)',
    ]);
  });

  it('refuses an unknown participant, a key registered to two participants or twice, a private key and a bad fingerprint', () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    files['weak.pub.pem'] = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const fp = fingerprintOf(supplier.certificatePem);
    const problems = problemsOf(() =>
      parseDipKeyring(
        {
          version: 'v1',
          keys: [
            { dipId: '1999999999', certificate: 'nstp.cert.pem', sample: true },
            { dipId: '1000000001', certificate: 'brwe.cert.pem', sample: true },
            { dipId: '1000000002', publicKey: 'brwe.pub.pem', sample: false },
            { dipId: '1000000001', fingerprint: fp, sample: true },
            { dipId: '1000000003', publicKey: 'brwe.key.pem', sample: false },
            { dipId: '1000000003', publicKey: 'weak.pub.pem', sample: false },
            { dipId: '1000000004', fingerprint: 'zz'.repeat(32), sample: false },
          ],
        },
        reference,
        readPem,
      ),
    );
    expect(problems).toEqual([
      '$.keys[0] (nstp.cert.pem): DIP id "1999999999" is not a participant of reference data sample-2025.1',
      `$.keys[2] (brwe.pub.pem): key ${fp} is already registered to 1000000001 at $.keys[1] (brwe.cert.pem): a key belongs to one participant`,
      `$.keys[3] (fingerprint): key ${fp} is registered twice for 1000000001 (also at $.keys[1] (brwe.cert.pem))`,
      '$.keys[4] (brwe.key.pem): the PEM holds a PRIVATE KEY; give only the certificate or public key (a private key that has been sent or shared is no longer secret: replace it)',
      '$.keys[5] (weak.pub.pem): the key is an RSA key of 1024 bits; at least 2048 are required',
      `$.keys[6] (fingerprint): ${JSON.stringify('zz'.repeat(32))} is not a SHA-256 fingerprint (64 hex digits, optionally in colon-separated pairs)`,
    ]);
  });

  it('refuses a document that is not an object', () => {
    expect(problemsOf(() => parseDipKeyring([], reference, readPem))).toEqual(['$: expected an object with "version" and "keys"']);
    expect(problemsOf(() => parseDipKeyring({ version: 'v', keys: {} }, reference, readPem))).toEqual(['$.keys: expected an array']);
  });
});

describe('DipKeyring.fromRegistrations', () => {
  it('needs exactly one of a PEM and a fingerprint', () => {
    expect(problemsOf(() => DipKeyring.fromRegistrations('v', [{ dipId: '1000000001', sample: false, source: 's' }], reference))).toEqual([
      's: give exactly one of a PEM (certificate or public key) and a fingerprint',
    ]);
  });
});

describe('loadDipKeyringFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'dip-keyring-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads PEM paths relative to the keyring file', () => {
    writeFileSync(join(dir, 'brwe.cert.pem'), supplier.certificatePem);
    writeFileSync(join(dir, 'keys.json'), JSON.stringify({ version: 'v', keys: [{ dipId: '1000000001', certificate: 'brwe.cert.pem', sample: false }] }));
    expect(loadDipKeyringFile(join(dir, 'keys.json'), reference).keysOf('1000000001')).toHaveLength(1);
  });

  it('names the file when it is missing or not JSON', () => {
    expect(problemsOf(() => loadDipKeyringFile(join(dir, 'none.json'), reference))[0]).toMatch(/none\.json: cannot read the keyring: ENOENT/);
    writeFileSync(join(dir, 'bad.json'), '{');
    expect(problemsOf(() => loadDipKeyringFile(join(dir, 'bad.json'), reference))[0]).toMatch(/bad\.json: cannot read the keyring: .*JSON/);
  });
});
