import { performance } from 'node:perf_hooks';
import type { RequestSigner } from './client';

/** A request whose DIP signature headers were made before it is sent. */
export interface PresignedRequest {
  method: 'GET';
  path: string;
  /** The four `X-DIP-Signature-*` headers (whatever the signer returns). */
  headers: Record<string, string>;
  /** When it was signed (`performance.now()` of this process), ms. */
  signedAtMs: number;
}

/** How the requests of a {@link PresignedRequests} plan were signed, for the report. */
export interface SigningCounts {
  /** Signed by {@link PresignedRequests.signAhead} before the timed phase. */
  beforePhase: number;
  /** Signed during the phase by {@link PresignedRequests.refill}, ahead of their turn (not on any request's path). */
  aheadInPhase: number;
  /** Signed when taken, on the request's own path: not signed yet, or too old to be sent (see `maxAgeMs`). */
  onPath: number;
  /** Of `onPath`: signed ahead but re-signed because they were older than `maxAgeMs` when taken. */
  reSignedStale: number;
  /** Wall time spent signing before the phase, seconds. */
  beforePhaseSeconds: number;
}

/**
 * A plan of GET requests signed ahead of use, so that a load generator's preparation (the DIP
 * signature: an RSA-2048 private-key operation with hashing and headers, 0.35–0.4 ms of CPU per
 * request in the paired runs of docs/performance.md) is not on the measured path of
 * the request it prepares, nor competing with the server for the machine's cores while requests
 * are timed.
 *
 * The signature headers are the signer's, unchanged: the date is the moment of signing, and the
 * server checks it against its own clock within ±`REGISTRY_DIP_MAX_SKEW_MS` (default 5 min,
 * libs/dip-auth `verifyDipRequest`; there is no replay protection beyond that window, so a
 * request signed ahead and sent once is exactly what a client signing at send time would send,
 * with an older date). A signed request is only handed out while younger than `maxAgeMs` (the
 * caller passes a safe fraction of the server's window); an older one is signed again on the spot
 * and counted ({@link SigningCounts.reSignedStale}), so the plan is never refused for its age
 * whatever the phase's length.
 *
 * Use: {@link signAhead} before the timed phase (as many as fit the age bound), {@link refill}
 * from the load loop between sends when the plan is longer than that (signs the next ones in small
 * time slices, ahead of their turn), {@link take} for request `i` in order.
 */
export class PresignedRequests {
  private readonly signed: Array<PresignedRequest | undefined>;
  private next = 0;
  private readonly counts: SigningCounts = { beforePhase: 0, aheadInPhase: 0, onPath: 0, reSignedStale: 0, beforePhaseSeconds: 0 };

  /**
   * @param sign the signer (the client's `RequestSigner`);
   * @param paths the request paths in the order they will be sent (GET, no body);
   * @param maxAgeMs how old (ms since signing) a signed request may be when taken; > 0;
   * @param now the clock (ms, monotonic), `performance.now` by default (tests pass their own).
   * @throws RangeError when `maxAgeMs` is not a finite number > 0.
   */
  constructor(
    private readonly sign: RequestSigner,
    private readonly paths: readonly string[],
    private readonly maxAgeMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!Number.isFinite(maxAgeMs) || maxAgeMs <= 0) throw new RangeError(`PresignedRequests: maxAgeMs must be a finite number > 0, got ${maxAgeMs}`);
    this.signed = new Array<PresignedRequest | undefined>(paths.length);
  }

  /** Number of requests in the plan. */
  get length(): number {
    return this.paths.length;
  }

  /** How many requests from the start of the plan are signed (the next unsigned index). */
  get signedCount(): number {
    return this.next;
  }

  /** How each request was signed so far. */
  get signing(): SigningCounts {
    return { ...this.counts };
  }

  /**
   * Signs the plan's requests up to index `upTo` (exclusive; capped to the plan) before the timed
   * phase, yielding to the event loop between chunks of 100 (so that timers and sockets of the
   * process are served). Counted as {@link SigningCounts.beforePhase}.
   */
  async signAhead(upTo: number): Promise<void> {
    const end = Math.min(upTo, this.paths.length);
    const started = this.now();
    while (this.next < end) {
      const chunkEnd = Math.min(end, this.next + 100);
      while (this.next < chunkEnd) this.signNext();
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    this.counts.beforePhaseSeconds += (this.now() - started) / 1000;
  }

  /**
   * During the phase: signs the requests after the last signed one while fewer than `lookahead`
   * are signed beyond `taken` (the index of the next request to be sent), for at most `budgetMs`
   * of wall time. Does nothing once the plan is signed. Counted as {@link SigningCounts.aheadInPhase}.
   * @returns how many it signed.
   */
  refill(taken: number, lookahead: number, budgetMs: number): number {
    const until = this.now() + budgetMs;
    let count = 0;
    while (this.next < this.paths.length && this.next < taken + lookahead && (count === 0 || this.now() < until)) {
      this.signNext('aheadInPhase');
      count++;
    }
    return count;
  }

  /**
   * Request `i`, signed: the one signed ahead if it is younger than `maxAgeMs`, else signed now
   * (on the caller's path; counted in {@link SigningCounts.onPath}). Each request is handed out
   * once (its entry is dropped).
   * @throws RangeError for an index outside the plan or one already taken.
   */
  take(i: number): PresignedRequest {
    if (!Number.isInteger(i) || i < 0 || i >= this.paths.length) throw new RangeError(`PresignedRequests.take: no request ${i} in a plan of ${this.paths.length}`);
    if (i < this.next) {
      const ready = this.signed[i];
      if (ready === undefined) throw new RangeError(`PresignedRequests.take: request ${i} was already taken`);
      this.signed[i] = undefined;
      if (this.now() - ready.signedAtMs <= this.maxAgeMs) return ready;
      this.counts.onPath++;
      this.counts.reSignedStale++;
      return this.signNow(i);
    }
    // Not signed yet: sign everything up to it in order (the earlier ones are needed next anyway).
    while (this.next < i) this.signNext('aheadInPhase');
    this.next = i + 1;
    this.counts.onPath++;
    return this.signNow(i);
  }

  private signNext(counter: 'beforePhase' | 'aheadInPhase' = 'beforePhase'): void {
    this.signed[this.next] = this.signNow(this.next);
    this.next++;
    this.counts[counter]++;
  }

  private signNow(i: number): PresignedRequest {
    const path = this.paths[i]!;
    return { method: 'GET', path, headers: this.sign('GET', path, undefined), signedAtMs: this.now() };
  }
}
