import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Clock, CLOCK, ukSettlementDayOf } from '../clock/clock';
import { REGISTRY_CONFIG, RegistryConfig } from '../config/registry-config';
import { DayStartService } from './day-start.service';

/** How often the scheduler looks whether the UK day has turned, in milliseconds. */
export const DAY_START_POLL_MS = 60_000;

/**
 * Runs the day-start process in-process when `REGISTRY_DAY_START=auto`: once at boot (catching up
 * every day missed while the service was down) and again whenever the UK settlement day turns.
 * With `off`, day-start runs only on demand (CLI `registry day-start`, `POST /day-start`).
 */
@Injectable()
export class DayStartScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('DayStart');
  private timer: NodeJS.Timeout | null = null;
  private lastDay: string | null = null;
  /** The run in progress, awaited at shutdown so that the stores do not close under it. */
  private running: Promise<void> | null = null;

  constructor(
    private readonly dayStart: DayStartService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(REGISTRY_CONFIG) private readonly config: RegistryConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.dayStart !== 'auto') return;
    this.runTick();
    this.timer = setInterval(() => this.runTick(), DAY_START_POLL_MS);
    this.timer.unref();
  }

  /** Stops the timer and lets a run in progress finish (before the event store closes). */
  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Starts a tick unless one is running. */
  private runTick(): void {
    if (this.running !== null) return;
    this.running = this.tick().finally(() => (this.running = null));
  }

  private async tick(): Promise<void> {
    const today = ukSettlementDayOf(this.clock.now());
    if (today === this.lastDay) return;
    try {
      await this.dayStart.runThrough(today);
      this.lastDay = today;
    } catch (error) {
      this.logger.error(`day-start through ${today} failed, will retry: ${(error as Error).message}`);
    }
  }
}
