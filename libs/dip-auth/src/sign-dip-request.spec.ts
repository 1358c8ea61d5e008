import { constants, createHash, createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { sampleKeyPair } from './client/sample-keys';
import { signDipRequest } from './sign-dip-request';

const NOW = '2025-04-01T09:00:00.000Z';
const BODY = '[{"payload":{"CommonBlock":{},"CustomBlock":{}}}]';
const supplier = sampleKeyPair('1000000001');

describe('signDipRequest', () => {
  const headers = signDipRequest({
    method: 'post',
    url: '/DIP-Channel/IF-031',
    body: BODY,
    now: NOW,
    privateKeyPem: supplier.privateKeyPem,
    certificatePem: supplier.certificatePem,
  });

  it('returns the four DIP headers: date, base64 SHA-256 of the body, base64 certificate PEM, signature', () => {
    expect(Object.keys(headers)).toEqual(['X-DIP-Signature-Date', 'X-DIP-Content-Hash', 'X-DIP-Signature-Certificate', 'X-DIP-Signature']);
    expect(headers['X-DIP-Signature-Date']).toBe(NOW);
    expect(headers['X-DIP-Content-Hash']).toBe(createHash('sha256').update(BODY).digest('base64'));
    expect(Buffer.from(headers['X-DIP-Signature-Certificate'], 'base64').toString('utf8')).toBe(supplier.certificatePem);
  });

  it('signs the string the DIP\'s clients sign (the Postman pre-request script: METHOD;url.toLowerCase();date;hash), with RSA PKCS#1 v1.5 SHA-256', () => {
    const dipClientString = `POST;${'/DIP-Channel/IF-031'.toLowerCase()};${NOW};${headers['X-DIP-Content-Hash']}`;
    const ok = verify(
      'sha256',
      Buffer.from(dipClientString, 'utf8'),
      { key: createPublicKey(supplier.certificatePem), padding: constants.RSA_PKCS1_PADDING },
      Buffer.from(headers['X-DIP-Signature'], 'base64'),
    );
    expect(ok).toBe(true);
    expect(Buffer.from(headers['X-DIP-Signature'], 'base64')).toHaveLength(256);
  });

  it('is deterministic for the same request, key and instant (PKCS#1 v1.5 has no random salt)', () => {
    const again = signDipRequest({ method: 'POST', url: '/dip-channel/if-031', body: Buffer.from(BODY), now: NOW, ...supplier });
    expect(again).toEqual(headers);
  });

  it('can present a bare SPKI public key instead of a certificate', () => {
    const publicKeyPem = createPublicKey(supplier.certificatePem).export({ type: 'spki', format: 'pem' }).toString();
    const h = signDipRequest({ method: 'GET', url: '/feed', now: NOW, privateKeyPem: supplier.privateKeyPem, publicKeyPem });
    expect(Buffer.from(h['X-DIP-Signature-Certificate'], 'base64').toString()).toBe(publicKeyPem);
    expect(h['X-DIP-Content-Hash']).toBe('47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=');
  });

  it('refuses a private key that does not belong to the certificate (every signature would fail)', () => {
    const other = sampleKeyPair('1000000002');
    expect(() => signDipRequest({ method: 'POST', url: '/x', now: NOW, privateKeyPem: other.privateKeyPem, certificatePem: supplier.certificatePem })).toThrow(
      'signDipRequest: the private key does not belong to the certificate / public key given',
    );
  });

  it('refuses a private key that is not RSA, an unreadable key, and a bad instant', () => {
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const ecPrivate = ec.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const ecPublic = ec.publicKey.export({ type: 'spki', format: 'pem' }).toString();
    expect(() => signDipRequest({ method: 'POST', url: '/x', now: NOW, privateKeyPem: ecPrivate, publicKeyPem: ecPublic })).toThrow(
      /the private key is a key of type ec; DIP signatures are RSA-SHA256/,
    );
    expect(() => signDipRequest({ method: 'POST', url: '/x', now: NOW, privateKeyPem: 'nope', certificatePem: supplier.certificatePem })).toThrow(
      /cannot read the private key PEM/,
    );
    expect(() => signDipRequest({ method: 'POST', url: '/x', now: 'later', ...supplier })).toThrow(RangeError);
  });
});
