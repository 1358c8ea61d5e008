import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleDipKeyring } from '../testing/sample-keyring';
import { verifyDipRequest } from '../verify-dip-request';
import { defaultSampleKeysDir, sampleKeyPair, signedHeadersFor } from './sample-keys';

const NOW = '2025-04-01T09:00:00.000Z';

describe('signedHeadersFor', () => {
  it('signs with the sample key of a sample participant, and the registry accepts it outside production mode', () => {
    const body = '[{"payload":{}}]';
    const headers = signedHeadersFor('2000000011', { method: 'POST', url: '/dip-channel/IF-034', body, now: NOW });
    const participant = verifyDipRequest({
      method: 'POST', url: '/dip-channel/IF-034', rawBody: Buffer.from(body), headers, now: NOW, maxSkewMs: 0, production: false, keyring: sampleDipKeyring(),
    });
    expect(participant).toMatchObject({ dipId: '2000000011', mpid: 'SDSA', sampleKey: true });
  });

  it("signs at the machine's clock when no instant is given", () => {
    const before = Date.now();
    const date = Date.parse(signedHeadersFor('1000000001', { method: 'GET', url: '/feed' })['X-DIP-Signature-Date']);
    expect(date).toBeGreaterThanOrEqual(before);
    expect(date).toBeLessThanOrEqual(Date.now());
  });

  it('explains that only sample participants have sample keys', () => {
    expect(() => signedHeadersFor('1234567890', { method: 'GET', url: '/', now: NOW })).toThrow(
      /^no sample key for DIP id 1234567890 in .*reference-data\/sample-keys: sample keys exist only for the sample participants of reference-data\/participants\.json/,
    );
    expect(() => sampleKeyPair('../etc/x')).toThrow('"../etc/x" is not a 10-digit DIP id');
  });

  it('reads keys from another folder when asked', () => {
    const dir = mkdtempSync(join(tmpdir(), 'no-keys-'));
    try {
      expect(() => signedHeadersFor('1000000001', { method: 'GET', url: '/', now: NOW }, { keysDir: dir })).toThrow(/no sample key for DIP id 1000000001/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('finds reference-data/sample-keys at the repository root', () => {
    expect(defaultSampleKeysDir()).toBe(join(__dirname, '..', '..', '..', '..', 'reference-data', 'sample-keys'));
  });
});
