import { X509Certificate } from 'node:crypto';
import { Participant, ReferenceData } from '@app/registration-domain';
import { readPublicKeyPem, rsaKeyProblem } from '../key-material';

/**
 * One key to register for a participant: its PEM (certificate or SPKI public key) or only its
 * fingerprint (SHA-256 of the SPKI DER, hex, colons allowed), and whether it is a public sample key.
 */
export interface DipKeyRegistration {
  /** 10-digit DIP id (DT-006) of a participant in the reference data. */
  dipId: string;
  /** Exactly one of `pem` and `fingerprint`. */
  pem?: string;
  fingerprint?: string;
  /** True for a published test key (reference-data/sample-keys): refused in production mode. */
  sample: boolean;
  /** Where the registration comes from, for messages (e.g. `$.keys[3]`). */
  source: string;
}

/** A key as the keyring holds it: who it belongs to and what it may do. */
export interface RegisteredDipKey {
  /** SHA-256 of the SPKI DER, lower-case hex. */
  fingerprint: string;
  participant: Participant;
  sample: boolean;
  /** The registered certificate, whose validity bounds the registration; `null` for a key or fingerprint. */
  certificate: X509Certificate | null;
  source: string;
}

/** One problem in a keyring, with where it is (`$.keys[2].certificate`, or a registration's source). */
export interface DipKeyringProblem {
  path: string;
  message: string;
}

/** Thrown when a keyring cannot be built; `message` lists every problem, one per line. */
export class DipKeyringError extends Error {
  constructor(readonly problems: ReadonlyArray<DipKeyringProblem>) {
    super(
      `invalid DIP keyring (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `- ${p.path}: ${p.message}`).join('\n'),
    );
    this.name = 'DipKeyringError';
  }
}

const FINGERPRINT_RE = /^(?:[0-9a-fA-F]{64}|[0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){31})$/;

/**
 * The DIP signing keys registered per participant: maps a public key (by fingerprint) to exactly
 * one participant of the reference data (issue #8: "maps the request to one participant").
 * Built by {@link DipKeyring.fromRegistrations} or, from a file, `loadDipKeyringFile`.
 */
export class DipKeyring {
  private constructor(
    readonly version: string,
    private readonly byFingerprint: ReadonlyMap<string, RegisteredDipKey>,
  ) {}

  /**
   * Checks and indexes registrations: each names a participant of `referenceData`, gives exactly
   * one of a PEM (a certificate or SPKI public key of RSA ≥ 2048 bits, no private key) or a
   * fingerprint (64 hex digits, optionally colon-separated pairs as `openssl -fingerprint` prints
   * them), and no key is registered twice (a key maps to one participant). A participant may have
   * several keys (rotation).
   * @throws DipKeyringError listing every problem (not just the first).
   */
  static fromRegistrations(version: string, registrations: ReadonlyArray<DipKeyRegistration>, referenceData: ReferenceData): DipKeyring {
    const problems: DipKeyringProblem[] = [];
    const byFingerprint = new Map<string, RegisteredDipKey>();
    for (const r of registrations) {
      const add = (message: string) => problems.push({ path: r.source, message });
      const participant = referenceData.participant(r.dipId);
      if (participant === undefined) add(`DIP id ${JSON.stringify(r.dipId)} is not a participant of reference data ${referenceData.version}`);
      const key = keyOf(r, add);
      if (participant === undefined || key === null) continue;
      const seen = byFingerprint.get(key.fingerprint);
      if (seen !== undefined) {
        add(
          seen.participant.dipId === r.dipId
            ? `key ${key.fingerprint} is registered twice for ${r.dipId} (also at ${seen.source})`
            : `key ${key.fingerprint} is already registered to ${seen.participant.dipId} at ${seen.source}: a key belongs to one participant`,
        );
        continue;
      }
      byFingerprint.set(key.fingerprint, { ...key, participant, sample: r.sample, source: r.source });
    }
    if (problems.length > 0) throw new DipKeyringError(problems);
    return new DipKeyring(version, byFingerprint);
  }

  /** The registration of the key with this fingerprint (lower-case hex), if any. */
  keyFor(fingerprint: string): RegisteredDipKey | undefined {
    return this.byFingerprint.get(fingerprint);
  }

  /** Every key registered to a participant, in registration order. */
  keysOf(dipId: string): RegisteredDipKey[] {
    return [...this.byFingerprint.values()].filter((k) => k.participant.dipId === dipId);
  }

  /** Number of registered keys. */
  get size(): number {
    return this.byFingerprint.size;
  }

  /** Number of registered public sample keys (all refused in production mode). */
  sampleKeyCount(): number {
    return [...this.byFingerprint.values()].filter((k) => k.sample).length;
  }
}

function keyOf(r: DipKeyRegistration, add: (message: string) => void): Pick<RegisteredDipKey, 'fingerprint' | 'certificate'> | null {
  if ((r.pem === undefined) === (r.fingerprint === undefined)) {
    add('give exactly one of a PEM (certificate or public key) and a fingerprint');
    return null;
  }
  if (r.fingerprint !== undefined) {
    if (!FINGERPRINT_RE.test(r.fingerprint)) {
      add(`${JSON.stringify(r.fingerprint)} is not a SHA-256 fingerprint (64 hex digits, optionally in colon-separated pairs)`);
      return null;
    }
    return { fingerprint: r.fingerprint.replace(/:/g, '').toLowerCase(), certificate: null };
  }
  const read = readPublicKeyPem(r.pem as string);
  if (!read.ok) {
    add(`the PEM ${read.problem}`);
    return null;
  }
  const weak = rsaKeyProblem(read.material.publicKey);
  if (weak !== null) {
    add(`the key ${weak}`);
    return null;
  }
  return { fingerprint: read.material.fingerprint, certificate: read.material.certificate };
}
