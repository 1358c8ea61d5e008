import { writeFileSync, mkdirSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

/**
 * V8 CPU profiles of single phases, taken in-process through the inspector protocol (the same
 * sampling profiler and `.cpuprofile` format as `node --cpu-prof`, 1 ms interval), so that a profile
 * holds one phase and nothing else. Does nothing without a folder.
 */
export class PhaseProfiler {
  private session: Session | null = null;

  /** @param dir folder for `<name>.cpuprofile` files, or `null` to profile nothing. */
  constructor(private readonly dir: string | null) {}

  /** Starts sampling (a no-op without a folder). */
  async start(): Promise<void> {
    if (this.dir === null) return;
    const session = new Session();
    session.connect();
    this.session = session;
    await this.post('Profiler.enable');
    await this.post('Profiler.setSamplingInterval', { interval: 1000 });
    await this.post('Profiler.start');
  }

  /** Stops sampling and writes `<dir>/<name>.cpuprofile`; returns its path (`null` without a folder or a running profile). */
  async stop(name: string): Promise<string | null> {
    if (this.dir === null || this.session === null) return null;
    const { profile } = (await this.post('Profiler.stop')) as { profile: unknown };
    this.session.disconnect();
    this.session = null;
    mkdirSync(this.dir, { recursive: true });
    const file = join(this.dir, `${name}.cpuprofile`);
    writeFileSync(file, JSON.stringify(profile));
    return file;
  }

  private post(method: string, params?: object): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.session!.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result)));
    });
  }
}
