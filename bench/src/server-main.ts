/**
 * Entry of the benchmark's HTTP server process (`node bench/run.js server-main`, forked by
 * `startChildServer`): the real API app on the stores and clock start given in
 * `BENCH_SERVER_SPEC`, answering the bench over IPC (ready, peak RSS, CPU, GC pauses, phase profiles, stop).
 */
import { cpuSecondsNow, listenBenchApp, BenchServerSpec, ServerMessage, ServerRequest } from './http/bench-server';
import { GcRecorder } from './gc';
import { PhaseProfiler } from './profiler';
import { lifetimeMaxRssMiB, RssSampler } from './rss';

async function main(): Promise<void> {
  const send = (message: ServerMessage) => process.send?.(message);
  const spec = JSON.parse(process.env.BENCH_SERVER_SPEC ?? 'null') as BenchServerSpec | null;
  if (spec === null || !process.send) throw new Error('server-main runs as a child of the bench (BENCH_SERVER_SPEC and an IPC channel)');
  const { app, port } = await listenBenchApp(spec);
  const sampler = new RssSampler();
  sampler.start();
  const profiler = new PhaseProfiler(spec.profileDir);
  const gc = new GcRecorder();
  process.on('message', (request: ServerRequest) => {
    if (request.type === 'profile-start') {
      void profiler.start().then(() => send({ type: 'profile-started' }));
    } else if (request.type === 'profile-stop') {
      void profiler.stop(request.name).then((file) => send({ type: 'profile-stopped', file }));
    } else if (request.type === 'gc-start') {
      gc.start();
      send({ type: 'gc-started' });
    } else if (request.type === 'gc-stop') {
      void gc.stop().then((pauses) => send({ type: 'gc-stopped', pauses }));
    } else if (request.type === 'cpu') {
      send({ type: 'cpu', seconds: cpuSecondsNow() });
    } else if (request.type === 'peak-rss') {
      send({ type: 'peak-rss', peakMiB: sampler.peakMiB(), maxRssMiB: lifetimeMaxRssMiB() });
      if (request.reset) sampler.start();
    } else if (request.type === 'stop') {
      sampler.stop();
      void app.close().then(
        () => process.exit(0),
        (error: Error) => {
          process.stderr.write(`bench server: close failed: ${error.stack ?? error.message}\n`);
          process.exit(1);
        },
      );
    }
  });
  send({ type: 'ready', port });
}

main().catch((error: Error) => {
  process.send?.({ type: 'failed', error: error.stack ?? error.message } satisfies ServerMessage);
  process.exit(1);
});
