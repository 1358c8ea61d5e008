import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The projector running as its own process beside the HTTP server (`--projector separate`). */
export interface ProjectorProcess {
  /** CPU time (user + system) the process has used so far, seconds (Linux `/proc/<pid>/stat`; `null` elsewhere). */
  cpuSeconds(): number | null;
  /** SIGTERM: the projector lets its batch in progress commit and exits; resolves on exit. */
  stop(): Promise<void>;
}

/** Clock ticks per second of `/proc/<pid>/stat` (USER_HZ: 100 on every Linux Node supports). */
const USER_HZ = 100;

/**
 * Starts `apps/registration-projector` (compiled with the bench, through bench/run.js) on the
 * stores of `env` (the same `REGISTRY_*` variables as the server, whose own projector is then
 * `REGISTRY_PROJECTOR=off`), logging warnings and errors only. As in production it polls the log
 * (every 100 ms when idle: the projector's `idlePollMs`), since the API's in-process append signal
 * does not cross processes — which bounds how soon a new event reaches the views (F1).
 * @throws Error when the process exits before it is stopped (it is reported by the returned promise of `stop`).
 */
export function startProjectorProcess(repoRoot: string, env: Record<string, string>): ProjectorProcess {
  const child = fork(join(repoRoot, 'bench', 'run.js'), ['projector-main'], {
    env: { ...process.env, ...env, REGISTRY_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    cpuSeconds() {
      try {
        // Fields after the command name (which is in parentheses and may hold spaces): utime is the 14th field, stime the 15th.
        const stat = readFileSync(`/proc/${child.pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return (Number(fields[11]) + Number(fields[12])) / USER_HZ;
      } catch {
        return null;
      }
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const code = await exited;
      if (code !== 0 && code !== null) throw new Error(`the projector process exited with code ${code}`);
    },
  };
}
