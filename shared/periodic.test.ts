import { afterEach, describe, expect, it, vi } from 'vitest';
import { periodic } from './periodic.js';
import type { Logger } from './logger.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function recordingLogger() {
  const warnings: { fields: Record<string, unknown>; message: string }[] = [];
  const logger = { warn: (fields: Record<string, unknown>, message: string) => warnings.push({ fields, message }) };
  return { logger: logger as unknown as Logger, warnings };
}

describe('periodic', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs first after firstAfterMs, then everyMs after each run ends', async () => {
    vi.useFakeTimers();
    const starts: number[] = [];
    const job = periodic(
      async () => {
        starts.push(Date.now());
        await sleep(30);
      },
      { everyMs: 100, firstAfterMs: 10, name: 'test work' },
    );
    const t0 = Date.now();
    job.start();
    await vi.advanceTimersByTimeAsync(9);
    expect(starts).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(starts.map((at) => at - t0)).toEqual([10]);
    // The run takes 30 ms; the next starts 100 ms after it ended, at 140.
    await vi.advanceTimersByTimeAsync(129);
    expect(starts).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(starts.map((at) => at - t0)).toEqual([10, 140]);
    const stopped = job.stop();
    await vi.advanceTimersByTimeAsync(30);
    await stopped;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(starts).toHaveLength(2);
  });

  it('never overlaps runs, even when a run outlasts the period', async () => {
    let concurrent = 0;
    let most = 0;
    let runs = 0;
    const job = periodic(
      async () => {
        concurrent += 1;
        most = Math.max(most, concurrent);
        runs += 1;
        await sleep(40);
        concurrent -= 1;
      },
      { everyMs: 1, firstAfterMs: 0, name: 'slow work' },
    );
    job.start();
    job.start(); // a second start does not start a second chain
    await sleep(200);
    await job.stop();
    expect(runs).toBeGreaterThan(1);
    expect(most).toBe(1);
  });

  it('logs a failed run and retries at the next one', async () => {
    const { logger, warnings } = recordingLogger();
    let calls = 0;
    const job = periodic(
      async () => {
        calls += 1;
        if (calls === 1) throw new Error('boom');
      },
      { everyMs: 5, firstAfterMs: 0, name: 'flaky work', logger },
    );
    job.start();
    await sleep(100);
    await job.stop();
    expect(calls).toBeGreaterThan(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0].message).toBe('flaky work failed; the next run retries');
    expect((warnings[0].fields.err as Error).message).toBe('boom');
  });

  it('stop() waits for the run in progress and runs nothing after it', async () => {
    let finished = 0;
    let started = 0;
    const job = periodic(
      async () => {
        started += 1;
        await sleep(50);
        finished += 1;
      },
      { everyMs: 1, firstAfterMs: 0, name: 'draining work' },
    );
    job.start();
    await sleep(10);
    expect(started).toBe(1);
    await job.stop();
    expect(finished).toBe(1);
    await sleep(30);
    expect(started).toBe(1);
  });

  it('never runs with everyMs 0 (disabled), and its timers do not hold the process', async () => {
    let runs = 0;
    const disabled = periodic(
      async () => {
        runs += 1;
      },
      { everyMs: 0, firstAfterMs: 0, name: 'disabled work' },
    );
    disabled.start();
    await sleep(20);
    await disabled.stop();
    expect(runs).toBe(0);

    const spy = vi.spyOn(globalThis, 'setTimeout');
    const job = periodic(async () => undefined, { everyMs: 60_000, name: 'daily work' });
    job.start();
    const timer = spy.mock.results.at(-1)?.value as NodeJS.Timeout;
    spy.mockRestore();
    expect(timer.hasRef()).toBe(false);
    await job.stop();
  });
});
