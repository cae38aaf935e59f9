/** Exponential back-off: the first retry waits `initialMs`, each later one twice as long, capped at `maxMs`. */
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  /** Growth per attempt; 2 doubles. */
  factor?: number;
}

/** The delay before retry number `attempt` (1-based). */
export function backoffDelayMs(attempt: number, options: BackoffOptions): number {
  const factor = options.factor ?? 2;
  const exponent = Math.max(0, attempt - 1);
  // Math.min first so a long outage cannot overflow to Infinity.
  return Math.min(options.maxMs, options.initialMs * factor ** Math.min(exponent, 64));
}

export interface RetryOptions extends BackoffOptions {
  /** Only errors this returns true for are retried; others are thrown at once. */
  retryIf: (error: unknown) => boolean;
  /** Called before each wait, e.g. to log the attempt that failed. */
  onRetry?: (event: { attempt: number; delayMs: number; error: unknown }) => void;
  /** Aborting stops waiting and rejects with the signal's reason. */
  signal?: AbortSignal;
}

/** Runs `work` until it succeeds, waiting with back-off between attempts that fail with a retryable error. */
export async function retryWithBackoff<T>(work: () => Promise<T>, options: RetryOptions): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    options.signal?.throwIfAborted();
    try {
      return await work();
    } catch (error) {
      if (!options.retryIf(error) || options.signal?.aborted) throw error;
      const delayMs = backoffDelayMs(attempt, options);
      options.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs, options.signal);
    }
  }
}

/** Resolves after `ms`, or rejects as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
