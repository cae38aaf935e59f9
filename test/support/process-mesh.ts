// Runs the mesh the way `npm start` does: four subgraph processes and a gateway process, talking
// HTTP, each subgraph on its own database (a PGlite data folder, or a fresh schema on the Postgres
// server named by TEST_DATABASE_URL).
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../shared/config.js';
import { createDatabase, quoteIdent } from '../../shared/db.js';
import { ROOT } from '../../gateway/src/compose.js';
import { seedDomains } from '../../scripts/seed/run.js';
import { ALL_SCOPES, KEY_FILES, loadOrCreateKeyPair, type KeyPair } from '../../shared/auth.js';
import { mintTestToken, postGraphQL } from './in-process-mesh.js';
import { createSupervisor } from '../../scripts/supervisor.js';
import { ensureBuilt } from './build.js';
import type { DemoWorld } from '../../scripts/seed/world.js';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export interface ProcessMesh {
  gatewayUrl: string;
  /** Each subgraph's own URL (it answers only requests carrying a gateway proof). */
  subgraphUrls: Record<SubgraphName, string>;
  /** The local keys the processes use: the issuer's and the gateway's proof key. */
  keys: { issuer: KeyPair; subgraphProof: KeyPair };
  /** Resident memory of one service's process, in bytes (from /proc). */
  residentBytes(name: SubgraphName | 'gateway'): number;
  /** A token from this mesh's local issuer key (every scope by default). */
  token(scopes?: readonly string[], subject?: string): Promise<string>;
  /** Runs an operation through the gateway with a token holding every scope. */
  query(text: string, variables?: Record<string, unknown>): Promise<any>;
  env: NodeJS.ProcessEnv;
  processes: Map<string, ChildProcess>;
  output: Map<string, string[]>;
  startProcess(name: SubgraphName | 'gateway'): Promise<void>;
  stopProcess(name: SubgraphName | 'gateway', signal?: NodeJS.Signals): Promise<number | null>;
  close(): Promise<void>;
}

/**
 * Starts the mesh; `env` adds or overrides variables of every process (e.g. OTEL_*, LOG_LEVEL).
 * `supervised` runs the subgraphs under `npm start`'s supervisor, which restarts one that exits
 * (its lines go to `output.get('supervisor')`); `processes` always holds each one's current process.
 * `compiledSubgraphs` runs them from dist/ with plain node, as the image does (builds when stale).
 * `campaignsGraph` points the campaigns service's graph client at this mesh's gateway (audience builds).
 */
export async function startProcessMesh(
  world: DemoWorld,
  options: {
    env?: NodeJS.ProcessEnv;
    supervised?: boolean;
    compiledSubgraphs?: boolean;
    campaignsGraph?: boolean;
  } = {},
): Promise<ProcessMesh> {
  const dataRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh360-e2e-'));
  const databaseUrl = process.env.TEST_DATABASE_URL || undefined;
  const suffix = randomBytes(3).toString('hex');
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn' };
  const ports: Record<string, number> = {};
  for (const name of [...SUBGRAPH_NAMES, 'gateway'] as const) ports[name] = await freePort();
  for (const name of SUBGRAPH_NAMES) {
    const prefix = name.toUpperCase();
    env[`${prefix}_PORT`] = String(ports[name]);
    env[`${prefix}_URL`] = `http://127.0.0.1:${ports[name]}/graphql`;
    env[`${prefix}_DATA_DIR`] = path.join(dataRoot, name);
    if (databaseUrl) {
      env[`${prefix}_DATABASE_URL`] = databaseUrl;
      env[`${prefix}_DB_SCHEMA`] = `${name}_e2e${suffix}`;
    } else {
      delete env[`${prefix}_DATABASE_URL`];
    }
  }
  env.GATEWAY_PORT = String(ports.gateway);
  // Campaigns queries the graph as a client (audience builds, attribution), through this gateway, as under
  // npm start; only when asked, so the other suites see no background traffic (the cart trigger's).
  if (options.campaignsGraph) env.CAMPAIGNS_GRAPH_URL = `http://127.0.0.1:${ports.gateway}/graphql`;
  // Orders checks every order's and cart's customer and skus with their owners, through this gateway.
  env.ORDERS_GRAPH_URL = `http://127.0.0.1:${ports.gateway}/graphql`;
  env.MESH_KEYS_DIR = path.join(dataRoot, 'keys');
  // The delivery worker's development sink writes here, not into the repository's .data/mail.
  env.CAMPAIGNS_MAIL_DIR = path.join(dataRoot, 'mail');
  // Tests run many requests as one subject.
  env.RATE_LIMIT_PER_SECOND = '100000';
  env.RATE_LIMIT_BURST = '100000';
  env.SUBGRAPH_TIMEOUT_MS = '5000';
  Object.assign(env, options.env);

  await seedDomains({ world, env, log: () => undefined });
  if (options.compiledSubgraphs) ensureBuilt();
  // No tsx loader inherited from the test runner, as in a container.
  const { NODE_OPTIONS: _nodeOptions, ...compiledEnv } = env;

  const processes = new Map<string, ChildProcess>();
  const output = new Map<string, string[]>();
  const track = (name: string, child: ChildProcess) => {
    const lines = output.get(name) ?? [];
    output.set(name, lines);
    child.stdout!.on('data', (chunk) => lines.push(String(chunk)));
    child.stderr!.on('data', (chunk) => lines.push(String(chunk)));
    processes.set(name, child);
  };
  const supervisorLines: string[] = [];
  const supervisor = options.supervised
    ? createSupervisor({ log: (line) => supervisorLines.push(line), onSpawn: track })
    : undefined;
  if (supervisor) output.set('supervisor', supervisorLines);

  async function startProcess(name: SubgraphName | 'gateway') {
    const entry = name === 'gateway' ? 'gateway/src/index.ts' : `subgraphs/${name}/src/index.ts`;
    const compiled = options.compiledSubgraphs && name !== 'gateway';
    // The image's entry point execs node on dist/, so a signal reaches the service itself.
    const spec = compiled
      ? {
          name,
          command: path.join(ROOT, 'docker', 'entrypoint.sh'),
          args: [name],
          cwd: ROOT,
          env: compiledEnv,
          stdio: ['ignore', 'pipe', 'pipe'] as StdioOptions,
        }
      : {
          name,
          command: process.execPath,
          args: ['--import', 'tsx', entry],
          cwd: ROOT,
          env,
          stdio: ['ignore', 'pipe', 'pipe'] as StdioOptions,
        };
    if (supervisor && name !== 'gateway') supervisor.start(spec);
    else track(name, spawn(spec.command, spec.args, spec));
    const child = processes.get(name)!;
    const lines = output.get(name)!;
    const readyPath = name === 'gateway' ? '/health' : '/ready';
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`${name} exited during start-up:\n${lines.join('')}`);
      try {
        const response = await fetch(`http://127.0.0.1:${ports[name]}${readyPath}`, {
          signal: AbortSignal.timeout(1000),
        });
        if (response.ok) return;
      } catch {
        // not up yet
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`${name} did not start within 60s:\n${lines.join('')}`);
  }

  async function stopProcess(name: SubgraphName | 'gateway', signal: NodeJS.Signals = 'SIGTERM') {
    const child = processes.get(name);
    if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill(signal);
    const code = await exited;
    processes.delete(name);
    return code;
  }

  for (const name of SUBGRAPH_NAMES) await startProcess(name);
  await startProcess('gateway');

  const gatewayUrl = `http://127.0.0.1:${ports.gateway}/graphql`;
  const issuer = await loadOrCreateKeyPair(path.join(env.MESH_KEYS_DIR, KEY_FILES.localIssuer), 'ES256');
  const token = (scopes: readonly string[] = ALL_SCOPES, subject = 'e2e-tester') =>
    mintTestToken(issuer, scopes, { subject });
  const adminToken = await token();
  const subgraphProof = await loadOrCreateKeyPair(path.join(env.MESH_KEYS_DIR, KEY_FILES.subgraphProof), 'EdDSA');
  return {
    gatewayUrl,
    subgraphUrls: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, env[`${name.toUpperCase()}_URL`]!])) as Record<
      SubgraphName,
      string
    >,
    keys: { issuer, subgraphProof },
    residentBytes: (name) => {
      const status = fs.readFileSync(`/proc/${processes.get(name)!.pid}/status`, 'utf8');
      return Number(/VmRSS:\s+(\d+) kB/.exec(status)![1]) * 1024;
    },
    token,
    query: (text, variables) => postGraphQL(gatewayUrl, text, variables, adminToken),
    env,
    processes,
    output,
    startProcess,
    stopProcess,
    close: async () => {
      await supervisor?.stop();
      for (const name of [...processes.keys()]) await stopProcess(name as SubgraphName);
      if (databaseUrl) {
        for (const name of SUBGRAPH_NAMES) {
          const db = await createDatabase({ url: databaseUrl, schema: 'public' });
          await sql
            .raw(`drop schema if exists ${quoteIdent(env[`${name.toUpperCase()}_DB_SCHEMA`]!)} cascade`)
            .execute(db);
          await db.destroy();
        }
      }
      fs.rmSync(dataRoot, { recursive: true, force: true });
    },
  };
}
