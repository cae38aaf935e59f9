// Keeps `npm start`'s child processes running: a child that exits on its own (crash, out of
// memory, killed) is started again after an exponential back-off, so one failing service neither
// takes the mesh down nor spins in a tight restart loop. stop() ends them all.
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { backoffDelayMs, type BackoffOptions } from '../shared/backoff.js';

export interface ChildSpec {
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  stdio?: StdioOptions;
}

export interface SupervisorOptions {
  /** Delay before restart n: initialMs doubling up to maxMs. */
  backoff?: BackoffOptions;
  /** A child that stayed up this long counts as healthy: its next exit restarts after initialMs again. */
  stableAfterMs?: number;
  /** How long stop() waits after SIGTERM before it sends SIGKILL (services drain first). */
  killAfterMs?: number;
  log?: (line: string) => void;
  /** Called each time a child process is spawned, first start and restarts alike. */
  onSpawn?: (name: string, child: ChildProcess) => void;
}

export const DEFAULT_RESTART_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 30_000 };

interface Supervised {
  spec: ChildSpec;
  child?: ChildProcess;
  startedAt: number;
  /** Restarts since the child last stayed up for stableAfterMs. */
  restarts: number;
  restartTimer?: NodeJS.Timeout;
}

export interface Supervisor {
  start(spec: ChildSpec): void;
  /** The running process of a child, if it is up right now. */
  child(name: string): ChildProcess | undefined;
  /** Stops restarting, sends `signal` to every child, SIGKILLs those still up after killAfterMs, resolves when all have exited. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Creates a supervisor; see the file comment. */
export function createSupervisor(options: SupervisorOptions = {}): Supervisor {
  const backoff = options.backoff ?? DEFAULT_RESTART_BACKOFF;
  const stableAfterMs = options.stableAfterMs ?? 60_000;
  const killAfterMs = options.killAfterMs ?? 15_000;
  const log = options.log ?? ((line: string) => console.error(line));
  const supervised = new Map<string, Supervised>();
  let stopping = false;

  function launch(entry: Supervised) {
    entry.restartTimer = undefined;
    const { spec } = entry;
    const child = spawn(spec.command, spec.args, { cwd: spec.cwd, env: spec.env, stdio: spec.stdio ?? 'inherit' });
    entry.child = child;
    entry.startedAt = Date.now();
    options.onSpawn?.(spec.name, child);
    child.on('error', (error) => log(`${spec.name}: ${error.message}`));
    child.once('exit', (code, signal) => {
      entry.child = undefined;
      if (stopping) return;
      const upMs = Date.now() - entry.startedAt;
      if (upMs >= stableAfterMs) entry.restarts = 0;
      entry.restarts += 1;
      const delayMs = backoffDelayMs(entry.restarts, backoff);
      log(
        `${spec.name} exited unexpectedly (${signal ?? `code ${code}`}) after ${formatSeconds(upMs)}; restarting in ${formatSeconds(delayMs)} (restart ${entry.restarts})`,
      );
      entry.restartTimer = setTimeout(() => launch(entry), delayMs);
    });
  }

  return {
    start(spec) {
      if (stopping) throw new Error(`supervisor is stopping; not starting ${spec.name}`);
      if (supervised.has(spec.name)) throw new Error(`${spec.name} is already supervised`);
      const entry: Supervised = { spec, startedAt: Date.now(), restarts: 0 };
      supervised.set(spec.name, entry);
      launch(entry);
    },
    child: (name) => supervised.get(name)?.child,
    async stop(signal = 'SIGTERM') {
      stopping = true;
      const running: ChildProcess[] = [];
      for (const entry of supervised.values()) {
        clearTimeout(entry.restartTimer);
        if (entry.child) running.push(entry.child);
      }
      const exits = running.map(
        (child) =>
          new Promise<void>((resolve) =>
            child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
          ),
      );
      for (const child of running) child.kill(signal);
      const timer = setTimeout(() => {
        for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }, killAfterMs);
      await Promise.all(exits);
      clearTimeout(timer);
    },
  };
}

const formatSeconds = (ms: number) => `${Number((ms / 1000).toFixed(ms < 10_000 ? 2 : 0))}s`;
