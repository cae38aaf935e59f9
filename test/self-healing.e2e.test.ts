// A subgraph process heals itself: it waits for a database that is not up yet, survives Postgres
// dropping its connections (answering SERVICE_UNAVAILABLE meanwhile), and drains requests in
// flight on SIGTERM. Talks to the subgraph directly, not through the gateway.
// The Postgres cases need TEST_DATABASE_URL and are skipped without it.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { quoteIdent } from '../shared/db.js';
import { freePort } from './support/process-mesh.js';
import { PROOF_HEADER } from '../shared/auth.js';
import {
  createTcpProxy,
  gatewayProof,
  getStatus,
  postQuery,
  startSubgraphProcess,
  waitFor,
  type SubgraphProcess,
} from './support/subgraph-process.js';

const databaseUrl = process.env.TEST_DATABASE_URL || undefined;
const suffix = randomBytes(3).toString('hex');
// Cheap queries: one that never touches the database, one that always does.
const TYPENAME = '{ __typename }';
const CUSTOMERS = '{ customers(first: 1) { nodes { id } } }';

const dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh360-heal-'));
const started: SubgraphProcess[] = [];
const schemas: string[] = [];

afterEach(async () => {
  for (const subgraph of started.splice(0)) await subgraph.stop('SIGKILL');
});

afterAll(async () => {
  fs.rmSync(dataRoot, { recursive: true, force: true });
  if (!databaseUrl || schemas.length === 0) return;
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  for (const schema of schemas) await admin.query(`drop schema if exists ${quoteIdent(schema)} cascade`);
  await admin.end();
});

/** Customers on a fresh schema of TEST_DATABASE_URL (through `viaPort` when given), else on a PGlite folder. */
function customersEnv(label: string, viaPort?: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { CUSTOMERS_DATA_DIR: path.join(dataRoot, label) };
  if (!databaseUrl) {
    env.CUSTOMERS_DATABASE_URL = undefined;
    return env;
  }
  const url = new URL(databaseUrl);
  if (viaPort) {
    url.hostname = '127.0.0.1';
    url.port = String(viaPort);
  }
  // Tagging the connections lets the test terminate exactly this process's backends.
  url.searchParams.set('application_name', `mesh360_heal_${label}_${suffix}`);
  const schema = `customers_heal_${label}_${suffix}`;
  schemas.push(schema);
  return { ...env, CUSTOMERS_DATABASE_URL: url.toString(), CUSTOMERS_DB_SCHEMA: schema };
}

async function startCustomers(env: NodeJS.ProcessEnv, options: { waitReady?: boolean } = {}): Promise<SubgraphProcess> {
  const subgraph = startSubgraphProcess('customers', await freePort(), env);
  started.push(subgraph);
  if (options.waitReady ?? true) {
    await waitFor(
      async () => {
        if (subgraph.child.exitCode !== null) throw new Error(`customers exited:\n${subgraph.output()}`);
        return (await getStatus(`${subgraph.baseUrl}/ready`)) === 200;
      },
      60_000,
      subgraph.output,
    );
  }
  return subgraph;
}

/** Every error of a response must be SERVICE_UNAVAILABLE; a response without errors must hold data. */
function outcomeOf(response: { status: number; body: any }): 'data' | 'unavailable' {
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  if (!response.body.errors) {
    expect(response.body.data).toBeTruthy();
    return 'data';
  }
  expect(response.body.errors.map((error: any) => error.extensions?.code)).toEqual(
    response.body.errors.map(() => 'SERVICE_UNAVAILABLE'),
  );
  return 'unavailable';
}

/** Raw HTTP, so a request can be left half-sent while the server is told to stop. */
function openSocket(
  port: number,
): Promise<{ socket: net.Socket; write: (text: string) => void; received: () => string; ended: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += String(chunk)));
    const ended = new Promise<void>((done) => socket.once('close', () => done()));
    socket.once('error', reject);
    socket.once('connect', () =>
      resolve({ socket, write: (text) => socket.write(text), received: () => received, ended }),
    );
  });
}

describe.skipIf(!databaseUrl)('SIGTERM', () => {
  it('drains: readiness goes false, a slow query in flight finishes, a request past the drain timeout is cut, exit 0', async () => {
    const env: NodeJS.ProcessEnv = { ...customersEnv('drain'), DRAIN_TIMEOUT_MS: '3000' };
    const subgraph = await startCustomers(env);
    const port = Number(new URL(subgraph.baseUrl).port);
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    try {
      // The query in flight is slow because the test holds a lock on the table it reads.
      await admin.query('begin');
      await admin.query(`lock table ${quoteIdent(env.CUSTOMERS_DB_SCHEMA!)}.customers in access exclusive mode`);
      const slow = postQuery(`${subgraph.baseUrl}/graphql`, CUSTOMERS);
      // A readiness probe whose request is still arriving, and a client that never finishes its request.
      const probe = await openSocket(port);
      probe.write('GET /ready HTTP/1.1\r\nHost: localhost\r\n');
      const stuck = await openSocket(port);
      // It carries a proof, so the subgraph waits for its body (a request without one is refused at once).
      const proof = await gatewayProof('customers', '{"query":"{ __typename }"}');
      stuck.write(
        `POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n${PROOF_HEADER}: ${proof}\r\nContent-Length: 100\r\n\r\n{"query"`,
      );
      await new Promise((resolve) => setTimeout(resolve, 300));

      const signalledAt = Date.now();
      subgraph.child.kill('SIGTERM');
      await waitFor(() => subgraph.output().includes('"msg":"stopping"'), 5_000, subgraph.output);
      // No new connections once draining; a request already arriving learns it is not ready.
      expect(await getStatus(`${subgraph.baseUrl}/health`)).toBeUndefined();
      probe.write('\r\n');
      await probe.ended;
      expect(probe.received()).toMatch(/^HTTP\/1\.1 503/);
      expect(probe.received()).toContain('"status":"draining"');

      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(subgraph.child.exitCode).toBeNull();
      await admin.query('commit');
      expect(await slow).toEqual({ status: 200, body: { data: { customers: { nodes: [] } } } });

      expect(await subgraph.exited).toBe(0);
      const stoppedAfterMs = Date.now() - signalledAt;
      expect(stoppedAfterMs).toBeGreaterThanOrEqual(2_900);
      expect(stoppedAfterMs).toBeLessThan(10_000);
      await stuck.ended;
      expect(stuck.received()).toBe('');
      expect(subgraph.output()).toContain('drain timed out');
      expect(subgraph.output()).toContain('"msg":"stopped"');
    } finally {
      await admin.query('rollback').catch(() => undefined);
      await admin.end();
    }
  });
});

describe('start-up while the database is unreachable', () => {
  it('keeps waiting with back-off and a log line per attempt, and starts once the database appears', async () => {
    const port = await freePort(); // nothing listens here (yet)
    const env = databaseUrl
      ? customersEnv('late', port)
      : { CUSTOMERS_DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/postgres` };
    const subgraph = await startCustomers(env, { waitReady: false });

    await waitFor(
      () => (subgraph.output().match(/database not reachable yet; waiting/g) ?? []).length >= 3,
      15_000,
      subgraph.output,
    );
    expect(subgraph.child.exitCode).toBeNull();
    const attempts = subgraph
      .output()
      .split('\n')
      .filter((line) => line.includes('database not reachable yet'));
    expect(attempts.slice(0, 3).map((line) => JSON.parse(line).retryInMs)).toEqual([500, 1000, 2000]);
    expect(JSON.parse(attempts[0]!).code).toBe('ECONNREFUSED');

    if (!databaseUrl) return;
    const postgres = new URL(databaseUrl);
    const proxy = createTcpProxy({ host: postgres.hostname, port: Number(postgres.port || 5432) }, port);
    await proxy.start();
    try {
      await waitFor(async () => (await getStatus(`${subgraph.baseUrl}/ready`)) === 200, 15_000, subgraph.output);
      expect(outcomeOf(await postQuery(`${subgraph.baseUrl}/graphql`, CUSTOMERS))).toBe('data');
    } finally {
      await subgraph.stop('SIGKILL');
      await proxy.stop();
    }
  });
});

describe.skipIf(!databaseUrl)('Postgres dropping connections', () => {
  it('survives pg_terminate_backend under load: stays alive, answers data or SERVICE_UNAVAILABLE, serves data again within 10 s', async () => {
    const env = customersEnv('terminate');
    const subgraph = await startCustomers(env);
    const applicationName = new URL(env.CUSTOMERS_DATABASE_URL!).searchParams.get('application_name');
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    const terminate = () =>
      admin.query('select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1', [
        applicationName,
      ]);

    const outcomes: Record<string, number> = { data: 0, unavailable: 0 };
    let terminated = 0;
    try {
      // 200 requests over about 3 s, half of them touching the database, with backends terminated three times.
      for (let round = 0; round < 20; round += 1) {
        const requests = Promise.all(
          Array.from({ length: 10 }, (_, index) =>
            postQuery(`${subgraph.baseUrl}/graphql`, index % 2 === 0 ? TYPENAME : CUSTOMERS),
          ),
        );
        // Terminating while the batch is in flight hits busy connections as well as idle ones.
        if (round % 5 === 2) terminated += (await terminate()).rowCount ?? 0;
        const responses = await requests;
        for (const response of responses) outcomes[outcomeOf(response)]! += 1;
        await new Promise((resolve) => setTimeout(resolve, 150));
      }
      expect(terminated).toBeGreaterThan(0);
      expect(outcomes.data! + outcomes.unavailable!).toBe(200);
      expect(outcomes.data).toBeGreaterThanOrEqual(100); // at least every { __typename }
      expect(subgraph.child.exitCode).toBeNull();
      expect(subgraph.output()).toContain('"code":"57P01"');

      const recoveringSince = Date.now();
      await waitFor(
        async () => outcomeOf(await postQuery(`${subgraph.baseUrl}/graphql`, CUSTOMERS)) === 'data',
        10_000,
        subgraph.output,
      );
      expect(Date.now() - recoveringSince).toBeLessThan(10_000);
      expect(await getStatus(`${subgraph.baseUrl}/ready`)).toBe(200);
    } finally {
      await admin.end();
    }
  });

  it('rides out the server going away and coming back: SERVICE_UNAVAILABLE and not ready while down, data again within 10 s', async () => {
    const postgres = new URL(databaseUrl!);
    const proxy = createTcpProxy({ host: postgres.hostname, port: Number(postgres.port || 5432) }, await freePort());
    await proxy.start();
    try {
      const subgraph = await startCustomers(customersEnv('outage', proxy.port));
      expect(outcomeOf(await postQuery(`${subgraph.baseUrl}/graphql`, CUSTOMERS))).toBe('data');

      await proxy.stop();
      const whileDown = await Promise.all(
        Array.from({ length: 10 }, () => postQuery(`${subgraph.baseUrl}/graphql`, CUSTOMERS)),
      );
      expect(whileDown.map(outcomeOf)).toEqual(whileDown.map(() => 'unavailable'));
      expect(outcomeOf(await postQuery(`${subgraph.baseUrl}/graphql`, TYPENAME))).toBe('data');
      expect(await getStatus(`${subgraph.baseUrl}/ready`)).toBe(503);
      expect(await getStatus(`${subgraph.baseUrl}/health`)).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(subgraph.child.exitCode).toBeNull();
      expect(subgraph.output()).toContain('database unavailable; reconnecting with back-off');

      await proxy.start();
      const backSince = Date.now();
      await waitFor(
        async () => outcomeOf(await postQuery(`${subgraph.baseUrl}/graphql`, CUSTOMERS)) === 'data',
        10_000,
        subgraph.output,
      );
      expect(Date.now() - backSince).toBeLessThan(10_000);
      expect(await getStatus(`${subgraph.baseUrl}/ready`)).toBe(200);
      expect(subgraph.output()).toContain('database reachable again');
    } finally {
      await proxy.stop();
    }
  });
});
