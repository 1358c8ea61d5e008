import { BadRequestException, Inject, Injectable } from '@nestjs/common';
import { Projector } from '@app/projections';
import { quoteInput, REGISTRY_CONFIG, RegistryConfig } from '@app/registration-app';

/** Largest global position (signed 64-bit). */
const MAX_POSITION = 9_223_372_036_854_775_807n;

/**
 * Read-your-writes for view queries (issue #5): a client that got `position` P in an
 * acknowledgement passes `?minPosition=P` to any view read; the read waits until the views have
 * applied the log up to P, at most `REGISTRY_VIEW_WAIT_MAX_MS` (or the request's shorter
 * `?maxWaitMs=`), then answers — or fails with 503 (`ProjectionWaitTimeoutError`, `Retry-After: 1`).
 */
@Injectable()
export class ReadYourWrites {
  constructor(
    private readonly projector: Projector,
    @Inject(REGISTRY_CONFIG) private readonly config: RegistryConfig,
  ) {}

  /**
   * Waits as described on the class. A missing `minPosition` does not wait, but a `maxWaitMs`
   * given without it is still checked (a malformed parameter is refused wherever it appears).
   * @throws BadRequestException (400) for a `minPosition` that is not a whole number from 0 to 2^63-1,
   *   or a `maxWaitMs` that is not a whole number from 0 to the configured maximum.
   * @throws ProjectionWaitTimeoutError (503) when the views do not get there in time.
   */
  async await(minPosition: string | undefined, maxWaitMs?: string): Promise<void> {
    let wait = this.config.viewWaitMaxMs;
    if (maxWaitMs !== undefined) {
      if (!/^\d{1,6}$/.test(maxWaitMs) || Number(maxWaitMs) > this.config.viewWaitMaxMs) {
        throw new BadRequestException(
          `maxWaitMs must be a whole number of milliseconds from 0 to ${this.config.viewWaitMaxMs}, got ${quoteInput(maxWaitMs)}`,
        );
      }
      wait = Number(maxWaitMs);
    }
    if (minPosition === undefined) return;
    if (!/^\d{1,19}$/.test(minPosition) || BigInt(minPosition) > MAX_POSITION) {
      throw new BadRequestException(`minPosition must be a whole number from 0 to ${MAX_POSITION}, got ${quoteInput(minPosition)}`);
    }
    await this.projector.waitForPosition(BigInt(minPosition), wait);
  }
}
