import net from 'node:net';
import { parse } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { createProofVerifier, generateTestKeyPair, PROOF_HEADER, signSubgraphProof } from './auth.js';
import { DatabaseUnavailableError } from './db-errors.js';
import { createSubgraphApollo, listen, type RunningServer } from './server.js';

// A subgraph without a database: `slow` answers when the test lets it, `lost` and `broken` fail.
const typeDefs = parse('type Query { slow: String, lost: String, broken: String }');
let release: () => void = () => undefined;
const resolvers = {
  Query: {
    slow: () => new Promise<string>((resolve) => (release = () => resolve('finished'))),
    lost: () => {
      throw new DatabaseUnavailableError('lost the connection', {
        cause: Object.assign(new Error('terminating connection'), { code: '57P01' }),
      });
    },
    broken: () => {
      throw Object.assign(new Error('relation "x" does not exist'), { code: '42P01' });
    },
  },
};

let server: RunningServer | undefined;
afterEach(async () => {
  release();
  await server?.close({ drainTimeoutMs: 0 });
  server = undefined;
});

async function start(): Promise<RunningServer> {
  const apollo = createSubgraphApollo({ name: 'test', typeDefs, resolvers });
  await apollo.start();
  server = await listen({
    apollo,
    context: () => ({}),
    isReady: async () => undefined,
    verifyProof: createProofVerifier({ publicKey: (await proofKey).publicKey, subgraph: 'test' }),
    port: 0,
  });
  return server;
}

const proofKey = generateTestKeyPair('EdDSA');
const query = async (url: string, text: string) => {
  const body = JSON.stringify({ query: text });
  const proof = signSubgraphProof(await proofKey, 'test', body, { subject: 'test', scopes: [] });
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [PROOF_HEADER]: proof },
    body,
  }).then((response) => response.json());
};

describe('formatError', () => {
  it('answers SERVICE_UNAVAILABLE for a database outage and keeps masking other failures', async () => {
    const { url } = await start();
    const lost = await query(url, '{ lost }');
    expect(lost.errors[0].extensions.code).toBe('SERVICE_UNAVAILABLE');
    expect(lost.errors[0].message).toMatch(/cannot reach its database/);
    const broken = await query(url, '{ broken }');
    expect(broken.errors[0].extensions.code).toBe('INTERNAL_SERVER_ERROR');
  });
});

describe('close (drain)', () => {
  it('lets a request in flight finish, refuses new connections meanwhile, then resolves', async () => {
    const running = await start();
    const inFlight = query(running.url, '{ slow }');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const closing = running.close({ drainTimeoutMs: 5_000 });
    await expect(fetch(running.url.replace('/graphql', '/health'))).rejects.toThrow();
    release();
    expect(await inFlight).toEqual({ data: { slow: 'finished' } });
    expect(await closing).toEqual({ timedOut: false });
  });

  it('answers /ready with 503 once draining, and closes that connection after the answer', async () => {
    const running = await start();
    const socket = net.connect(running.port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk) => (received += String(chunk)));
    const ended = new Promise((resolve) => socket.once('close', resolve));
    await new Promise((resolve) => socket.once('connect', resolve));
    // The probe's request is still arriving when the drain starts.
    socket.write('GET /ready HTTP/1.1\r\nHost: localhost\r\n');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const closing = running.close({ drainTimeoutMs: 5_000 });
    socket.write('\r\n');
    await ended;
    expect(received).toMatch(/^HTTP\/1\.1 503/);
    expect(received).toContain('"status":"draining"');
    expect(received).toMatch(/\r\nconnection: close\r\n/i);
    expect(await closing).toEqual({ timedOut: false });
  });

  it('cuts what is still in flight when the drain timeout passes', async () => {
    const running = await start();
    const inFlight = query(running.url, '{ slow }');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    expect(await running.close({ drainTimeoutMs: 200 })).toEqual({ timedOut: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    await expect(inFlight).rejects.toThrow();
  });
});
