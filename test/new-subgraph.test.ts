// `npm run new:subgraph` on a temporary copy of the repository: the scaffolded domain is registered
// everywhere the mesh lists domains, its schema composes with the others and passes the schema lint,
// its code type-checks, and the generated service, run as a real process, answers through a gateway
// (writes, reads, pages, a coded refusal). The copy is removed afterwards.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTestKeyPair, KEY_FILES, loadOrCreateKeyPair, type KeyPair } from '../shared/auth.js';
import { ROOT } from '../gateway/src/compose.js';
import { DEFAULT_PORTS, SUBGRAPH_NAMES } from '../shared/config.js';
import { defaultAuthConfig, defaultEdgeConfig } from '../gateway/src/config.js';
import { createGateway } from '../gateway/src/gateway.js';
import { scaffoldSubgraph, type ScaffoldResult } from '../scripts/new-subgraph/scaffold.js';
import { mintTestToken, postGraphQL } from './support/in-process-mesh.js';
import { freePort } from './support/process-mesh.js';
import { waitFor } from './support/subgraph-process.js';

const NAME = 'widgets';
/** The scaffold takes the next free port after every service's. */
const PORT = Math.max(...Object.values(DEFAULT_PORTS)) + 1;
let copy: string;
let result: ScaffoldResult;
const cleanups: (() => Promise<unknown> | unknown)[] = [];

/** Runs a command in the copy; throws with its output when it fails. */
function runInCopy(command: string, args: string[]): string {
  return execFileSync(command, args, { cwd: copy, encoding: 'utf8', stdio: 'pipe', timeout: 240_000 });
}

beforeAll(() => {
  copy = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh360-new-subgraph-'));
  const skip = new Set(['node_modules', '.git', '.data', 'dist']);
  fs.cpSync(ROOT, copy, {
    recursive: true,
    filter: (source) => !skip.has(path.basename(source)) || path.dirname(source) !== ROOT,
  });
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
  result = scaffoldSubgraph({ root: copy, name: NAME, team: 'Widget team', migrationStamp: '2026120600' });
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  if (copy) fs.rmSync(copy, { recursive: true, force: true });
});

const read = (relative: string) => fs.readFileSync(path.join(copy, relative), 'utf8');

describe('npm run new:subgraph', () => {
  it('refuses a name in use or malformed, and changes nothing then', () => {
    const config = read('shared/config.ts');
    expect(() => scaffoldSubgraph({ root: copy, name: 'inventory' })).toThrow(/exists already/);
    expect(() => scaffoldSubgraph({ root: copy, name: NAME })).toThrow(/exists already/);
    expect(() => scaffoldSubgraph({ root: copy, name: 'Bad-Name' })).toThrow(/lowercase letters/);
    expect(() => scaffoldSubgraph({ root: copy, name: 'gadgets', port: 4001 })).toThrow(/in use/);
    expect(read('shared/config.ts')).toBe(config);
    expect(fs.existsSync(path.join(copy, 'subgraphs', 'gadgets'))).toBe(false);
  });

  it('writes the domain in the project layout and registers it where domains are listed', () => {
    expect(result.port).toBe(PORT);
    for (const file of [
      'subgraph.json',
      'schema.graphql',
      'src/index.ts',
      'src/server.ts',
      'src/context.ts',
      'src/loaders.ts',
      'src/privacy.ts',
      'src/quality.ts',
      'src/events/published.ts',
      'src/db/database.ts',
      'src/db/widget.table.ts',
      'src/db/widget.repository.ts',
      'src/db/migrations/index.ts',
      'src/db/migrations/2026120600_init.ts',
      'src/resolvers/Query.ts',
      'src/resolvers/Mutation.ts',
      'src/resolvers/Widget.ts',
      'test/widgets.test.ts',
    ])
      expect(result.written, file).toContain(path.join('subgraphs', NAME, file));
    expect(read('shared/config.ts')).toMatch(new RegExp(`'${SUBGRAPH_NAMES.at(-1)}',\\n\\s+'widgets',`));
    expect(read('shared/config.ts')).toContain(`widgets: ${PORT},`);
    expect(read('subgraphs/registry.ts')).toMatch(/widgets: \{\n\s+createServer: widgetsServer\.createServer/);
    expect(read('codegen.ts')).toContain("context: '../context.js#WidgetsContext'");
    expect(read('scripts/seed/run.ts')).toContain(
      "widgets: { migrations: DOMAINS.widgets.migrations, mainTable: 'widgets'",
    );
    expect(read('shared/auth.ts')).toContain("'widgets:write': 'createWidget',");
    expect(JSON.parse(read('package.json')).scripts['start:widgets']).toBe('tsx subgraphs/widgets/src/index.ts');
    expect(read('docker/postgres-init.sh')).toContain(`for domain in ${[...SUBGRAPH_NAMES, NAME].join(' ')}; do`);
    expect(read('docker/entrypoint.sh')).toContain(`${[...SUBGRAPH_NAMES, NAME].join(' | ')}) exec node`);
    expect(read('.env.example')).toMatch(/^WIDGETS_DB_PASSWORD=/m);
    expect(read('README.md')).toContain('### The widgets domain');
    const compose = parseYaml(read('docker-compose.yml')) as {
      services: Record<string, { environment?: Record<string, string>; depends_on?: Record<string, unknown> }>;
    };
    expect(compose.services.widgets.environment?.WIDGETS_PORT).toBe(String(PORT));
    expect(compose.services.gateway.environment?.WIDGETS_URL).toBe(`http://widgets:${PORT}/graphql`);
    expect(compose.services.gateway.depends_on?.widgets).toEqual({ condition: 'service_healthy' });
    expect(compose.services.seed.environment?.WIDGETS_DATABASE_URL).toBe(
      compose.services.widgets.environment?.WIDGETS_DATABASE_URL,
    );
  });

  it('composes with the other subgraphs, passes the schema lint and type-checks', () => {
    const services = fs
      .readdirSync(path.join(copy, 'subgraphs'), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => ({
        name: entry.name,
        url: `http://127.0.0.1/${entry.name}`,
        typeDefs: parse(read(`subgraphs/${entry.name}/schema.graphql`)),
      }));
    expect(services.map((service) => service.name)).toContain(NAME);
    const composed = composeServices(services);
    expect(composed.errors ?? []).toEqual([]);
    runInCopy('npx', ['graphql-codegen', '--config', 'codegen.ts', '--silent']);
    expect(read(`subgraphs/${NAME}/src/generated/resolvers-types.ts`)).toContain('WidgetResolvers');
    // Every subgraph (the new one with its resolvers) against the project's schema rules.
    expect(runInCopy('npx', ['tsx', 'scripts/schema-lint.ts'])).toContain(`${SUBGRAPH_NAMES.length + 1} subgraphs and`);
    // The new domain's code and its seeder, strictly, with the project's compiler settings.
    fs.writeFileSync(
      path.join(copy, 'tsconfig.widgets.json'),
      JSON.stringify({ extends: './tsconfig.json', include: [`subgraphs/${NAME}`, `scripts/seed/${NAME}.ts`] }),
    );
    runInCopy('npx', ['tsc', '--noEmit', '-p', 'tsconfig.widgets.json']);
  }, 300_000);

  it('runs as a real service that answers through a gateway', async () => {
    const keysDir = path.join(copy, '.data', 'keys');
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', `subgraphs/${NAME}/src/index.ts`], {
      cwd: copy,
      env: {
        ...process.env,
        LOG_LEVEL: 'warn',
        MESH_KEYS_DIR: keysDir,
        WIDGETS_PORT: String(port),
        WIDGETS_DATA_DIR: path.join(copy, '.data', NAME),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += String(chunk)));
    child.stderr.on('data', (chunk) => (output += String(chunk)));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    cleanups.push(async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    });
    const url = `http://127.0.0.1:${port}`;
    await waitFor(
      async () => (await fetch(`${url}/ready`).catch(() => undefined))?.status === 200,
      120_000,
      () => output,
    );

    // A gateway over the new subgraph alone, trusted by it through the shared proof key.
    const composed = composeServices([
      { name: NAME, url: `${url}/graphql`, typeDefs: parse(read(`subgraphs/${NAME}/schema.graphql`)) },
    ]);
    expect(composed.errors ?? []).toEqual([]);
    const supergraphPath = path.join(copy, 'supergraph.widgets.graphql');
    fs.writeFileSync(supergraphPath, composed.supergraphSdl!);
    const issuer: KeyPair = await generateTestKeyPair('ES256');
    const gateway = await createGateway(
      {
        host: '127.0.0.1',
        port: 0,
        supergraphPath,
        subgraphUrls: {},
        subgraphTimeoutMs: 10_000,
        logLevel: 'silent',
        auth: defaultAuthConfig(),
        edge: defaultEdgeConfig(),
      },
      undefined,
      {
        localIssuer: issuer.publicKey,
        localTokenIssuer: issuer,
        subgraphProof: await loadOrCreateKeyPair(path.join(keysDir, KEY_FILES.subgraphProof), 'EdDSA'),
      },
    );
    const { url: gatewayUrl } = await gateway.listen();
    cleanups.push(() => gateway.close());

    const writer = await mintTestToken(issuer, ['widgets:write', 'adhoc']);
    const reader = await mintTestToken(issuer, ['adhoc']);
    const create = 'mutation ($input: CreateWidgetInput!) { createWidget(input: $input) { id customerId title } }';
    const created = await postGraphQL(gatewayUrl, create, { input: { customerId: 'cus-1', title: 'Blue' } }, writer);
    expect(created.errors).toBeUndefined();
    expect(created.data.createWidget).toMatchObject({ customerId: 'cus-1', title: 'Blue' });
    await postGraphQL(gatewayUrl, create, { input: { customerId: 'cus-2', title: 'Red' } }, writer);

    const forbidden = await postGraphQL(gatewayUrl, create, { input: { customerId: 'cus-3', title: 'No' } }, reader);
    expect(forbidden.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const blank = await postGraphQL(gatewayUrl, create, { input: { customerId: 'cus-3', title: ' ' } }, writer);
    expect(blank.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');

    const page = await postGraphQL(
      gatewayUrl,
      '{ widgets(first: 1) { nodes { title } pageInfo { hasNextPage endCursor } } }',
      {},
      reader,
    );
    expect(page.errors).toBeUndefined();
    expect(page.data.widgets.pageInfo.hasNextPage).toBe(true);
    const rest = await postGraphQL(
      gatewayUrl,
      'query ($after: String) { widgets(first: 10, after: $after) { nodes { title } pageInfo { hasNextPage } } }',
      { after: page.data.widgets.pageInfo.endCursor },
      reader,
    );
    expect([...page.data.widgets.nodes, ...rest.data.widgets.nodes].map((node: any) => node.title).sort()).toEqual([
      'Blue',
      'Red',
    ]);
    expect(rest.data.widgets.pageInfo.hasNextPage).toBe(false);
    const one = await postGraphQL(
      gatewayUrl,
      'query ($id: ID!) { widget(id: $id) { title } }',
      { id: created.data.createWidget.id },
      reader,
    );
    expect(one.data.widget).toEqual({ title: 'Blue' });
  }, 240_000);
});
