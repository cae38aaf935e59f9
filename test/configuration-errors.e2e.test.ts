// A service started with a bad variable says which one and why, on one line, and exits with 2:
// an operator reads a sentence, not a stack trace.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function run(
  entry: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 50_000);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout });
    });
  });
}

describe('a bad configuration variable', () => {
  it('stops a subgraph with one line per problem and exit code 2', async () => {
    const { code, stderr } = await run('subgraphs/customers/src/index.ts', {
      CUSTOMERS_PORT: 'abc',
      CUSTOMERS_DATABASE_URL: 'not a url',
    });
    expect(code).toBe(2);
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines).toContainEqual(
      expect.stringMatching(/^mesh360 customers: invalid configuration: CUSTOMERS_PORT: \S.*$/),
    );
    expect(lines).toContainEqual(
      expect.stringMatching(/^mesh360 customers: invalid configuration: CUSTOMERS_DATABASE_URL: \S.*$/),
    );
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('stops the gateway the same way', async () => {
    const { code, stderr } = await run('gateway/src/index.ts', { GATEWAY_PORT: 'abc' });
    expect(code).toBe(2);
    expect(stderr.trim()).toMatch(/^mesh360 gateway: invalid configuration: GATEWAY_PORT: \S[^\n]*$/);
  });

  it('stops npm start before it starts anything', async () => {
    const { code, stderr, stdout } = await run('scripts/start.ts', { ORDERS_PORT: 'abc' });
    expect(code).toBe(2);
    expect(stderr.trim()).toMatch(/^mesh360 orders: invalid configuration: ORDERS_PORT: \S[^\n]*$/);
    expect(stdout).toBe('');
  });
});
