import { fork } from 'node:child_process';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { FixedClock, loadRegistryConfig, SystemClock } from '@app/registration-app';
import { createApiApp } from '../../../apps/registration-api/src/bootstrap';
import { GcPauses, GcRecorder } from '../gc';
import { RssSampler, lifetimeMaxRssMiB } from '../rss';

/**
 * Header with which the load generator tells the server's clock the sender time of the traffic
 * (UTC ISO instant). The clock only moves forward: of the requests in flight, the latest wins.
 * The registry then judges generated history as it happened (REG1034, REG1020 …), like
 * `registry load` does with its replaying clock, while the requests run concurrently.
 */
export const CLOCK_HEADER = 'x-bench-clock';

/** The app under test: the real HTTP API (`createApiApp`, as `npm start`), on a clock the load generator moves. */
export interface BenchServer {
  /** `http://127.0.0.1:<port>`. */
  baseUrl: string;
  /** Where it runs: its own process, or the bench process (tests). */
  where: 'child' | 'inline';
  /** Peak RSS of the server's process since the last reset, MiB (sampled every 100 ms), and its lifetime maxRSS. */
  peakRss(reset: boolean): Promise<{ peakMiB: number; maxRssMiB: number }>;
  /** CPU time (user + system) the server's process has used since it started, seconds (`process.cpuUsage`); inline: the bench process's. */
  cpuSeconds(): Promise<number>;
  /** Starts recording the server process's garbage-collection pauses (inline: the bench process's, on a recorder of its own). */
  gcStart(): Promise<void>;
  /** Stops that recording: the pauses since {@link gcStart}. */
  gcStop(): Promise<GcPauses>;
  /** Starts a CPU profile of the server process (child only; a no-op inline or without a profile folder). */
  profileStart(): Promise<void>;
  /** Stops it and writes `<profileDir>/<name>.cpuprofile`; returns the path, or `null` when nothing was profiled. */
  profileStop(name: string): Promise<string | null>;
  /** Closes the app (projector, stores) and, for a child, waits for the process to exit. */
  stop(): Promise<void>;
}

/** What a server needs: its configuration variables and the instant its clock starts at. */
export interface BenchServerSpec {
  env: Record<string, string>;
  repoRoot: string;
  startAt: string;
  /** Folder for the server's phase profiles (child only), or `null`. */
  profileDir: string | null;
  /** `false`: the app without the store's multi-stream append (three commits per message). */
  multiStreamAppend?: boolean;
}

/**
 * Builds and starts the API app on 127.0.0.1 with an ephemeral port, with the clock header
 * middleware in front of every route.
 */
export async function listenBenchApp(spec: BenchServerSpec): Promise<{ app: INestApplication; port: number }> {
  const config = loadRegistryConfig(spec.env, spec.repoRoot);
  const clock = new FixedClock(spec.startAt);
  let now = new Date(spec.startAt).toISOString();
  // Requests are signed in real time (KeepAliveClient), while the registry's clock follows the
  // traffic's sender time: signature dates are checked against the system clock.
  const app = await createApiApp(config, { clock, multiStreamAppend: spec.multiStreamAppend }, { logger: false, signatureClock: new SystemClock() });
  app.use((req: { headers: Record<string, string | string[] | undefined> }, _res: unknown, next: () => void) => {
    const at = req.headers[CLOCK_HEADER];
    if (typeof at === 'string' && at > now) {
      now = at;
      clock.set(at);
    }
    next();
  });
  await app.listen(0, '127.0.0.1');
  const address = (app.getHttpServer() as { address(): { port: number } }).address();
  return { app, port: address.port };
}

/** CPU time (user + system) this process has used since it started, seconds. */
export function cpuSecondsNow(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** Starts the server inside this process (for tests: no compiled code needed). */
export async function startInlineServer(spec: BenchServerSpec): Promise<BenchServer> {
  const { app, port } = await listenBenchApp(spec);
  const sampler = new RssSampler();
  sampler.start();
  const gc = new GcRecorder();
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    where: 'inline',
    gcStart: async () => gc.start(),
    gcStop: () => gc.stop(),
    async peakRss(reset) {
      const peakMiB = sampler.peakMiB();
      if (reset) sampler.start();
      return { peakMiB, maxRssMiB: lifetimeMaxRssMiB() };
    },
    cpuSeconds: async () => cpuSecondsNow(),
    profileStart: async () => undefined,
    profileStop: async () => null,
    async stop() {
      sampler.stop();
      await app.close();
    },
  };
}

/** Messages between the bench and a child server (Node IPC). */
export type ServerMessage =
  | { type: 'ready'; port: number }
  | { type: 'failed'; error: string }
  | { type: 'peak-rss'; peakMiB: number; maxRssMiB: number }
  | { type: 'cpu'; seconds: number }
  | { type: 'gc-started' }
  | { type: 'gc-stopped'; pauses: GcPauses }
  | { type: 'profile-started' }
  | { type: 'profile-stopped'; file: string | null };
/** Requests the bench sends a child server. */
export type ServerRequest =
  | { type: 'peak-rss'; reset: boolean }
  | { type: 'cpu' }
  | { type: 'gc-start' }
  | { type: 'gc-stop' }
  | { type: 'profile-start' }
  | { type: 'profile-stop'; name: string }
  | { type: 'stop' };

/**
 * Starts the server in its own Node process (compiled code, through bench/run.js), as production
 * runs it.
 * @throws Error when the process fails to start the app.
 */
export function startChildServer(spec: BenchServerSpec): Promise<BenchServer> {
  const child = fork(join(spec.repoRoot, 'bench', 'run.js'), ['server-main'], {
    env: { ...process.env, BENCH_SERVER_SPEC: JSON.stringify(spec) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T extends ServerMessage['type']>(type: T): Promise<Extract<ServerMessage, { type: T }>> =>
    new Promise((resolve, reject) => {
      const onMessage = (message: ServerMessage) => {
        if (message.type === 'failed') {
          cleanup();
          reject(new Error(`the bench server failed: ${message.error}`));
        } else if (message.type === type) {
          cleanup();
          resolve(message as Extract<ServerMessage, { type: T }>);
        }
      };
      const onExit = (code: number | null) => {
        cleanup();
        reject(new Error(`the bench server exited (code ${code}) while the bench waited for '${type}'`));
      };
      const cleanup = () => {
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      child.on('message', onMessage);
      child.on('exit', onExit);
    });
  const ask = (request: ServerRequest) => child.send(request);
  return next('ready').then(({ port }) => ({
    baseUrl: `http://127.0.0.1:${port}`,
    where: 'child' as const,
    async peakRss(reset: boolean) {
      const answer = next('peak-rss');
      ask({ type: 'peak-rss', reset });
      const { peakMiB, maxRssMiB } = await answer;
      return { peakMiB, maxRssMiB };
    },
    async cpuSeconds() {
      const answer = next('cpu');
      ask({ type: 'cpu' });
      return (await answer).seconds;
    },
    async gcStart() {
      const answer = next('gc-started');
      ask({ type: 'gc-start' });
      await answer;
    },
    async gcStop() {
      const answer = next('gc-stopped');
      ask({ type: 'gc-stop' });
      return (await answer).pauses;
    },
    async profileStart() {
      const answer = next('profile-started');
      ask({ type: 'profile-start' });
      await answer;
    },
    async profileStop(name: string) {
      const answer = next('profile-stopped');
      ask({ type: 'profile-stop', name });
      return (await answer).file;
    },
    async stop() {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      ask({ type: 'stop' });
      await exited;
    },
  }));
}
