import type { BackgroundJobs } from './run.js';

/**
 * A service's recurring work: `round` runs every `intervalMs` (0 never starts the timer), never two
 * rounds at once (a tick while one runs is skipped); a failed round goes to `onError` and the next
 * tick runs again. stop() clears the timer, waits for a round in progress, then runs `onStop`.
 */
export function intervalJob(options: {
  intervalMs: number;
  round: () => Promise<void>;
  onError: (error: unknown) => void;
  onStop?: () => Promise<void>;
}): BackgroundJobs {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const tick = () => {
    if (running) return;
    running = options
      .round()
      .catch(options.onError)
      .finally(() => {
        running = undefined;
      });
  };
  return {
    start() {
      if (options.intervalMs > 0 && !timer) timer = setInterval(tick, options.intervalMs);
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await running;
      await options.onStop?.();
    },
  };
}
