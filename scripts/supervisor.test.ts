import type { ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createSupervisor, type ChildSpec } from './supervisor.js';

/** A tiny child: node running a line of script. */
const nodeChild = (name: string, script: string): ChildSpec => ({
  name,
  command: process.execPath,
  args: ['-e', script],
  stdio: 'ignore',
});

async function until(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function recordingSupervisor(options: Parameters<typeof createSupervisor>[0] = {}) {
  const lines: string[] = [];
  const spawns: { at: number; child: ChildProcess }[] = [];
  const supervisor = createSupervisor({
    log: (line) => lines.push(line),
    onSpawn: (_name, child) => spawns.push({ at: Date.now(), child }),
    ...options,
  });
  return { supervisor, lines, spawns };
}

describe('supervisor', () => {
  it('restarts a child that keeps exiting, with a doubling delay, and says so', async () => {
    const { supervisor, lines, spawns } = recordingSupervisor({
      backoff: { initialMs: 100, maxMs: 400 },
      stableAfterMs: 60_000,
    });
    supervisor.start(nodeChild('flaky', 'process.exit(3)'));
    await until(() => spawns.length >= 5);
    await supervisor.stop();

    expect(lines.slice(0, 4)).toEqual([
      expect.stringMatching(/^flaky exited unexpectedly \(code 3\) after [\d.]+s; restarting in 0\.1s \(restart 1\)$/),
      expect.stringMatching(/restarting in 0\.2s \(restart 2\)$/),
      expect.stringMatching(/restarting in 0\.4s \(restart 3\)$/),
      // capped
      expect.stringMatching(/restarting in 0\.4s \(restart 4\)$/),
    ]);
    // The gaps between spawns are at least the announced delays (plus the child's own run time).
    const gaps = spawns.slice(1, 5).map((spawn, index) => spawn.at - spawns[index]!.at);
    for (const [index, delay] of [100, 200, 400, 400].entries()) expect(gaps[index]).toBeGreaterThanOrEqual(delay - 5);
  });

  it('names the signal of a child that was killed', async () => {
    const { supervisor, lines, spawns } = recordingSupervisor({ backoff: { initialMs: 50, maxMs: 50 } });
    supervisor.start(nodeChild('victim', 'setInterval(() => {}, 1000)'));
    await until(() => spawns.length === 1);
    spawns[0]!.child.kill('SIGKILL');
    await until(() => spawns.length === 2);
    expect(supervisor.child('victim')).toBe(spawns[1]!.child);
    await supervisor.stop();
    expect(lines[0]).toMatch(/^victim exited unexpectedly \(SIGKILL\)/);
  });

  it('goes back to the initial delay once a child has stayed up long enough', async () => {
    const { supervisor, lines, spawns } = recordingSupervisor({
      backoff: { initialMs: 50, maxMs: 1_000 },
      stableAfterMs: 100,
    });
    // Each run lives 200 ms, longer than stableAfterMs, so no restart counts as a repeat failure.
    supervisor.start(nodeChild('steady', 'setTimeout(() => process.exit(1), 200)'));
    await until(() => spawns.length >= 4);
    await supervisor.stop();
    expect(lines.slice(0, 3)).toEqual(
      Array.from({ length: 3 }, () => expect.stringMatching(/restarting in 0\.05s \(restart 1\)$/)),
    );
  });

  it('stop() ends every child, cancels pending restarts and restarts nothing afterwards', async () => {
    const { supervisor, lines, spawns } = recordingSupervisor({ backoff: { initialMs: 300, maxMs: 300 } });
    supervisor.start(nodeChild('server', 'setInterval(() => {}, 1000)'));
    supervisor.start(nodeChild('crasher', 'process.exit(1)'));
    await until(() => lines.length === 1); // crasher waits 300 ms for its restart
    const server = spawns.find((spawn) => spawn.child.spawnargs.includes('setInterval(() => {}, 1000)'))!.child;
    await supervisor.stop();
    expect(server.signalCode).toBe('SIGTERM');
    const spawned = spawns.length;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(spawns.length).toBe(spawned);
    expect(lines).toHaveLength(1);
  });

  it('SIGKILLs a child that ignores SIGTERM after the grace period', async () => {
    const { supervisor, spawns } = recordingSupervisor({ killAfterMs: 200 });
    supervisor.start({
      ...nodeChild(
        'stubborn',
        "process.on('SIGTERM', () => {}); console.log('ignoring SIGTERM'); setInterval(() => {}, 1000)",
      ),
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    await until(() => spawns.length === 1);
    // Only once the child has installed its handler is it really ignoring SIGTERM.
    let said = '';
    spawns[0]!.child.stdout!.on('data', (chunk) => (said += String(chunk)));
    await until(() => said.includes('ignoring SIGTERM'));
    const started = Date.now();
    await supervisor.stop();
    expect(spawns[0]!.child.signalCode).toBe('SIGKILL');
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });
});
