// The README's start command as a user runs it: first start seeds and serves, Ctrl-C stops every
// process cleanly, and a second start reuses the data.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SUBGRAPH_NAMES } from '../shared/config.js';
import { ROOT } from '../gateway/src/compose.js';
import { postGraphQL } from './support/in-process-mesh.js';
import { freePort } from './support/process-mesh.js';

const dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh360-start-'));

afterAll(() => {
  fs.rmSync(dataRoot, { recursive: true, force: true });
});

async function startMesh(env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += String(chunk)));
  child.stderr!.on('data', (chunk) => (output += String(chunk)));
  const deadline = Date.now() + 150_000;
  while (!output.includes('mesh360 is running.')) {
    if (child.exitCode !== null) throw new Error(`start exited early:\n${output}`);
    if (Date.now() > deadline) throw new Error(`start did not finish:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { child, output: () => output };
}

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('npm start', () => {
  it('seeds on first start, restarts a child that dies, stops cleanly on Ctrl-C, and reuses the data on the next start', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
    for (const name of [...SUBGRAPH_NAMES, 'gateway']) env[`${name.toUpperCase()}_PORT`] = String(await freePort());
    for (const name of SUBGRAPH_NAMES) {
      env[`${name.toUpperCase()}_DATA_DIR`] = path.join(dataRoot, name);
      delete env[`${name.toUpperCase()}_DATABASE_URL`];
      delete env[`${name.toUpperCase()}_URL`];
    }
    env.MESH_KEYS_DIR = path.join(dataRoot, 'keys');
    const gatewayUrl = `http://127.0.0.1:${env.GATEWAY_PORT}/graphql`;

    const first = await startMesh(env);
    // As the README says: the token is the last line `npm run token` prints.
    const minted = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/token.ts', '--sub', 'start-test'], {
      cwd: ROOT,
      env,
      encoding: 'utf8',
    });
    expect(minted.status, minted.stderr).toBe(0);
    const token = minted.stdout.trim().split('\n').at(-1)!;
    const anonymous = await postGraphQL(gatewayUrl, '{ customer(id: "cus-0000001") { id } }');
    expect(anonymous.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(first.output()).toMatch(/customers: seeded in/);
    expect(first.output()).toContain(gatewayUrl);
    const answer = await postGraphQL(
      gatewayUrl,
      '{ customer(id: "cus-0000001") { displayName purchaseStats { orderCount } } }',
      undefined,
      token,
    );
    expect(answer.errors).toBeUndefined();
    expect(answer.data.customer.purchaseStats.orderCount).toBeGreaterThan(0);
    const recorded = await postGraphQL(
      gatewayUrl,
      'mutation { recordOrder(input: { externalId: "start-test-1", customerId: "cus-0000001", channel: WEB, lines: [{ sku: "SKU-00001", quantity: 1, unitPrice: 10 }] }) { id } }',
      undefined,
      token,
    );
    expect(recorded.errors).toBeUndefined();

    // A subgraph that dies (here: killed outright) is restarted and serves again; the mesh keeps running.
    const customersPid = Number(/customers started \(pid (\d+)\)/.exec(first.output())?.[1]);
    process.kill(customersPid, 'SIGKILL');
    await waitFor(() => /customers exited unexpectedly \(SIGKILL\).*restarting in 0\.5s/.test(first.output()), 10_000);
    await waitFor(
      async () => (await fetch(`http://127.0.0.1:${env.CUSTOMERS_PORT}/ready`).catch(() => undefined))?.ok === true,
      60_000,
    );
    expect(first.output()).toMatch(new RegExp(`customers started \\(pid (?!${customersPid}\\))\\d+\\)`));
    expect(first.child.exitCode).toBeNull();

    const firstExit = new Promise<number | null>((resolve) => first.child.once('exit', resolve));
    first.child.kill('SIGINT');
    expect(await firstExit).toBe(0);
    await expect(fetch(gatewayUrl.replace('/graphql', '/health'))).rejects.toThrow();

    const second = await startMesh(env);
    expect(second.output()).toContain('every domain already holds data; reusing it.');
    const again = await postGraphQL(
      gatewayUrl,
      '{ orderByExternalId(externalId: "start-test-1") { id customer { id } } }',
      undefined,
      token,
    );
    expect(again.data.orderByExternalId).toEqual({ id: recorded.data.recordOrder.id, customer: { id: 'cus-0000001' } });
    const secondExit = new Promise<number | null>((resolve) => second.child.once('exit', resolve));
    second.child.kill('SIGINT');
    expect(await secondExit).toBe(0);
  }, 300_000);
});
