// The production build runs: `npm run build` output, started with plain node as the image starts it
// (docker/entrypoint.sh), answers /health, and the compiled gateway finds its supergraph and trusted
// documents inside dist/ and reaches the compiled subgraph with a valid proof. Reuses dist/ when it
// is newer than every source, so a second run costs only the start-ups.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueLocalToken, KEY_FILES, loadOrCreateKeyPair } from '../shared/auth.js';
import { SUBGRAPH_NAMES } from '../shared/config.js';
import { ROOT } from '../gateway/src/compose.js';
import { documentHash } from '../gateway/src/trusted-documents.js';
import { waitFor, getStatus } from './support/subgraph-process.js';
import { DIST, ensureBuilt } from './support/build.js';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const keysDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh360-build-keys-'));
const children: ChildProcess[] = [];
const output: Record<string, string> = {};

/** Runs `docker/entrypoint.sh <service>` from the project root, as the image's WORKDIR. */
function startCompiled(service: string, env: NodeJS.ProcessEnv): void {
  // Only the variables a container would get: no tsx loader inherited from the test runner.
  const { NODE_OPTIONS: _nodeOptions, ...inherited } = process.env;
  const child = spawn(path.join(ROOT, 'docker', 'entrypoint.sh'), [service], {
    cwd: ROOT,
    env: { ...inherited, LOG_LEVEL: 'warn', MESH_KEYS_DIR: keysDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  output[service] = '';
  child.stdout!.on('data', (chunk) => (output[service] += String(chunk)));
  child.stderr!.on('data', (chunk) => (output[service] += String(chunk)));
  children.push(child);
}

describe('the compiled services (npm run build, run with node as in the image)', () => {
  let customersPort: number;
  let gatewayPort: number;

  beforeAll(async () => {
    ensureBuilt();
    [customersPort, gatewayPort] = [await freePort(), await freePort()];
    startCompiled('customers', { CUSTOMERS_PORT: String(customersPort), CUSTOMERS_DATA_DIR: 'memory://' });
    // Point the gateway's other subgraphs at a closed port: they are down, which the gateway tolerates.
    const down = `http://127.0.0.1:${await freePort()}/graphql`;
    const urls = Object.fromEntries(
      SUBGRAPH_NAMES.map((name) => [
        `${name.toUpperCase()}_URL`,
        name === 'customers' ? `http://127.0.0.1:${customersPort}/graphql` : down,
      ]),
    );
    startCompiled('gateway', { GATEWAY_PORT: String(gatewayPort), ...urls });
    const describeOutput = () => JSON.stringify(output, null, 2);
    await waitFor(
      async () => (await getStatus(`http://127.0.0.1:${customersPort}/ready`)) === 200,
      45_000,
      describeOutput,
    );
    await waitFor(
      async () => (await getStatus(`http://127.0.0.1:${gatewayPort}/health`)) === 200,
      30_000,
      describeOutput,
    );
  }, 120_000);

  afterAll(async () => {
    await Promise.all(
      children.map((child) => {
        if (child.exitCode !== null || child.signalCode !== null) return undefined;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        return exited;
      }),
    );
    fs.rmSync(keysDir, { recursive: true, force: true });
  });

  it('emits every entry point the image runs, with the files they read at run time', () => {
    for (const file of [
      'gateway/src/index.js',
      'scripts/seed.js',
      'scripts/token.js',
      'supergraph.graphql',
      'gateway/trusted-documents.json',
      ...SUBGRAPH_NAMES.flatMap((name) => [`subgraphs/${name}/src/index.js`, `subgraphs/${name}/schema.graphql`]),
    ]) {
      expect(fs.existsSync(path.join(DIST, file)), file).toBe(true);
    }
    expect(fs.readdirSync(DIST, { recursive: true }).some((file) => String(file).endsWith('.test.js'))).toBe(false);
  });

  it('serves /health from the compiled subgraph and gateway', async () => {
    expect(await getStatus(`http://127.0.0.1:${customersPort}/health`)).toBe(200);
    expect(await getStatus(`http://127.0.0.1:${gatewayPort}/health`)).toBe(200);
  });

  it('serves the catalogue from the compiled gateway, with the assets the build copied', async () => {
    const key = await loadOrCreateKeyPair(path.join(keysDir, KEY_FILES.localIssuer), 'ES256');
    const token = await issueLocalToken(key, {
      subject: 'build-test',
      scopes: ['schema:read'],
      ttlSeconds: 300,
      issuer: 'mesh360-local',
      audience: 'mesh360',
    });
    const response = await fetch(`http://127.0.0.1:${gatewayPort}/catalogue`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<td>customers</td><td>Customer Data</td>');
    expect(html).toContain('CustomerUpserted v1');
  });

  it('answers a registered operation through the compiled gateway from the compiled subgraph', async () => {
    const key = await loadOrCreateKeyPair(path.join(keysDir, KEY_FILES.localIssuer), 'ES256');
    // No adhoc scope: the operation must be found in dist/gateway/trusted-documents.json.
    const token = await issueLocalToken(key, {
      subject: 'build-test',
      scopes: ['pii:read'],
      ttlSeconds: 300,
      issuer: 'mesh360-local',
      audience: 'mesh360',
    });
    const manifest = JSON.parse(fs.readFileSync(path.join(DIST, 'gateway', 'trusted-documents.json'), 'utf8')) as {
      documents: Record<string, string>;
    };
    const [id, text] = Object.entries(manifest.documents).find(([, text]) => /^query Customer360 \{/.test(text))!;
    expect(documentHash(text)).toBe(id);
    const response = await fetch(`http://127.0.0.1:${gatewayPort}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ extensions: { persistedQuery: { version: 1, sha256Hash: id } } }),
    });
    const body = (await response.json()) as {
      data?: { customer: unknown };
      errors?: { extensions?: { code?: string; subgraph?: string } }[];
    };
    // The other subgraphs are down (their fields fail), but the plan came from dist/supergraph.graphql
    // and the customers subgraph accepted the compiled gateway's proof and answered.
    expect(response.status).toBe(200);
    expect(body.data).toHaveProperty('customer');
    expect(body.errors?.filter((error) => error.extensions?.subgraph === 'customers') ?? []).toEqual([]);
    expect(body.errors?.map((error) => error.extensions?.code)).not.toContain('PERSISTED_QUERY_NOT_FOUND');
  });
});
