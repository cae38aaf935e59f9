// One subgraph as a real process (as `npm start` runs it), talked to over HTTP without the
// gateway, plus a TCP proxy that stands in for a Postgres server that can go away and come back.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import os from 'node:os';
import { KEY_FILES, loadOrCreateKeyPair, PROOF_HEADER, signSubgraphProof } from '../../shared/auth.js';
import type { SubgraphName } from '../../shared/config.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The keys folder of the subgraph processes these tests start, so they trust the proofs the tests sign. */
export const TEST_KEYS_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh360-keys-'));
process.once('exit', () => fs.rmSync(TEST_KEYS_DIR, { recursive: true, force: true }));

/** A gateway proof for one request body, as the gateway would sign it. */
export async function gatewayProof(subgraph: SubgraphName, body: string): Promise<string> {
  const key = await loadOrCreateKeyPair(path.join(TEST_KEYS_DIR, KEY_FILES.subgraphProof), 'EdDSA');
  return signSubgraphProof(key, subgraph, body, { subject: 'self-healing-test', scopes: [] });
}

export interface SubgraphProcess {
  child: ChildProcess;
  baseUrl: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code, or null when killed by a signal. */
  exited: Promise<number | null>;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `subgraphs/<name>/src/index.ts` with `env` on `port`; does not wait for it to be ready. */
export function startSubgraphProcess(name: SubgraphName, port: number, env: NodeJS.ProcessEnv): SubgraphProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', `subgraphs/${name}/src/index.ts`], {
    cwd: ROOT,
    env: {
      ...process.env,
      LOG_LEVEL: 'info',
      MESH_KEYS_DIR: TEST_KEYS_DIR,
      ...env,
      [`${name.toUpperCase()}_PORT`]: String(port),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += String(chunk)));
  child.stderr!.on('data', (chunk) => (output += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    baseUrl: `http://127.0.0.1:${port}`,
    output: () => output,
    exited,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Polls until `condition` holds; fails with `describe()` in the message after `timeoutMs`. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  describe: () => string = () => '',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms\n${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** GET a path; undefined when nothing answers. */
export async function getStatus(url: string): Promise<number | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    await response.arrayBuffer();
    return response.status;
  } catch {
    return undefined;
  }
}

/** POSTs a GraphQL query straight to a subgraph, with a gateway proof. */
export async function postQuery(
  url: string,
  query: string,
  subgraph: SubgraphName = 'customers',
): Promise<{ status: number; body: any }> {
  const body = JSON.stringify({ query });
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [PROOF_HEADER]: await gatewayProof(subgraph, body) },
    body,
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, body: await response.json() };
}

/** A TCP proxy to `target` that can stop (dropping every open connection) and start again on the same port. */
export function createTcpProxy(target: { host: string; port: number }, port: number) {
  let server: net.Server | undefined;
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  return {
    port,
    async start(): Promise<void> {
      server = net.createServer((client) => {
        const upstream = net.connect(target.port, target.host);
        track(client);
        track(upstream);
        client.once('close', () => upstream.destroy());
        upstream.once('close', () => client.destroy());
        client.pipe(upstream).pipe(client);
      });
      await new Promise<void>((resolve, reject) => {
        server!.once('error', reject);
        server!.listen(port, '127.0.0.1', () => resolve());
      });
    },
    /** Like the server going down hard: connections close without a goodbye, new ones are refused. */
    async stop(): Promise<void> {
      const closing = server ? new Promise<void>((resolve) => server!.close(() => resolve())) : Promise.resolve();
      server = undefined;
      for (const socket of sockets) socket.destroy();
      await closing;
    },
  };
}
