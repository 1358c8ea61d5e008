/**
 * `@app/dip-auth`: DIP request signatures (issue #8 item 1; mhhs-domain.md §3.5; docs/security.md).
 *
 * - {@link signDipRequest}: the four `X-DIP-*` headers for a request (client side);
 * - {@link verifyDipRequest}: checks them against a {@link DipKeyring} and names the participant,
 *   or throws a {@link DipAuthError} with a reason code;
 * - {@link loadDipKeyringFile}: registered keys per participant (`reference-data/participant-keys.json`);
 * - {@link signedHeadersFor}: signing with a sample participant's public sample key (tests, demo, CLI);
 * - {@link DipSignatureGuard}: the NestJS guard (global in the registration API; `@PublicEndpoint()` opts out);
 * - {@link dipSignCommand}: the `sign-request` CLI command (mounted in the `registry` CLI).
 *
 * The supertest helper `signRequest` is in `@app/dip-auth/testing/sign-request`; `inferSigner`
 * (who the e2e harness signs as) in `@app/dip-auth/testing/infer-signer`.
 */
export * from './dip-headers';
export * from './dip-auth.error';
export * from './canonical-request';
export { MIN_RSA_MODULUS_BITS, readPublicKeyPem, spkiFingerprint } from './key-material';
export type { PublicKeyMaterial, PublicKeyPemResult } from './key-material';
export * from './sign-dip-request';
export * from './verify-dip-request';
export * from './keyring/dip-keyring';
export * from './keyring/load-dip-keyring';
export * from './client/sample-keys';
export * from './cli/dip-sign.command';
export * from './nest/dip-signature.guard';
export * from './nest/dip-participant.decorator';
export * from './nest/public-endpoint.decorator';
