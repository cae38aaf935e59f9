import { describe, expect, it, vi } from 'vitest';
import { backoffDelayMs, retryWithBackoff, sleep } from './backoff.js';

describe('backoffDelayMs', () => {
  it('doubles from the initial delay and stops at the cap', () => {
    const options = { initialMs: 500, maxMs: 30_000 };
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((attempt) => backoffDelayMs(attempt, options))).toEqual([
      500, 1000, 2000, 4000, 8000, 16000, 30000, 30000,
    ]);
  });

  it('stays finite after very many attempts', () => {
    expect(backoffDelayMs(10_000, { initialMs: 250, maxMs: 5_000 })).toBe(5_000);
  });
});

describe('retryWithBackoff', () => {
  it('retries retryable failures with growing delays until the work succeeds', async () => {
    vi.useFakeTimers();
    try {
      let calls = 0;
      const delays: number[] = [];
      const result = retryWithBackoff(
        async () => {
          calls += 1;
          if (calls < 4) throw Object.assign(new Error('refused'), { code: 'ECONNREFUSED' });
          return 'connected';
        },
        { initialMs: 100, maxMs: 250, retryIf: () => true, onRetry: ({ delayMs }) => delays.push(delayMs) },
      );
      await vi.runAllTimersAsync();
      expect(await result).toBe('connected');
      expect(delays).toEqual([100, 200, 250]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('throws a failure that is not retryable at once', async () => {
    const work = vi.fn(async () => {
      throw new Error('wrong password');
    });
    await expect(retryWithBackoff(work, { initialMs: 1, maxMs: 1, retryIf: () => false })).rejects.toThrow(
      'wrong password',
    );
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('stops waiting when aborted', async () => {
    const controller = new AbortController();
    const pending = retryWithBackoff(
      async () => {
        throw new Error('down');
      },
      {
        initialMs: 60_000,
        maxMs: 60_000,
        retryIf: () => true,
        signal: controller.signal,
        onRetry: () => controller.abort(new Error('stopping')),
      },
    );
    await expect(pending).rejects.toThrow('stopping');
  });
});

describe('sleep', () => {
  it('rejects with the abort reason', async () => {
    await expect(sleep(10, AbortSignal.abort(new Error('gone')))).rejects.toThrow('gone');
  });
});
