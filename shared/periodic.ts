// Periodic background work (retention purges, the cart-reminder trigger, export expiry): one timer
// shape for all of it, so each runs the same way.
import type { Logger } from './logger.js';
import type { BackgroundJobs } from './run.js';

export interface PeriodicOptions {
  /** Wait between the end of one run and the start of the next; 0 or less never runs the work. */
  everyMs: number;
  /** Wait from start() to the first run; defaults to everyMs. */
  firstAfterMs?: number;
  /** What the work is, in the log line of a failed run. */
  name: string;
  logger?: Logger;
}

/**
 * Runs `work` after firstAfterMs and then everyMs after each run ends, as a service's background work:
 * runs never overlap (the next is scheduled only when one ends), the timers are unref'd (they never
 * keep a process alive), a run that throws is logged and the next one retries, and stop() cancels the
 * next run and waits for the one in progress (drain).
 */
export function periodic(work: () => Promise<unknown>, options: PeriodicOptions): BackgroundJobs {
  const { everyMs, firstAfterMs = everyMs, name, logger } = options;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let active = false;
  const schedule = (delayMs: number) => {
    timer = setTimeout(run, delayMs);
    timer.unref();
  };
  function run() {
    timer = undefined;
    running = (async () => {
      try {
        await work();
      } catch (err) {
        logger?.warn({ err, work: name }, `${name} failed; the next run retries`);
      }
    })().finally(() => {
      running = undefined;
      if (active) schedule(everyMs);
    });
  }
  return {
    start() {
      if (active || everyMs <= 0) return;
      active = true;
      schedule(Math.max(0, firstAfterMs));
    },
    async stop() {
      active = false;
      clearTimeout(timer);
      timer = undefined;
      await running;
    },
  };
}
