// The gateway serves a new supergraph without a restart: it re-reads the file, switches atomically,
// keeps the version it serves when the new file does not build, and reports the version it serves.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildASTSchema, parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_SCOPES } from '../shared/auth.js';
import { createWorld } from '../scripts/seed/world.js';
import { ROOT, SUPERGRAPH_PATH } from '../gateway/src/compose.js';
import { documentHash } from '../gateway/src/trusted-documents.js';
import { useInProcessMesh } from './support/in-process-mesh.js';

const world = createWorld({ customers: 20, products: 10, orders: 60, campaigns: 2, touchpoints: 40 }, 3);
const committed = fs.readFileSync(SUPERGRAPH_PATH, 'utf8');
// The same graph without Query.campaign: a composition that removed a root field.
// The field goes with its description, if it has one.
const campaignField = /^(?: {2}"{3}\n(?:(?! {2}"{3})[^\n]*\n)* {2}"{3}\n)? {2}campaign\(id: ID!\): Campaign .*\n/m;
const withoutCampaign = committed.replace(campaignField, '');
const CAMPAIGN = '{ campaign(id: "nope") { id } }';

const running = useInProcessMesh(world);
let gateway: { url: string; close: () => Promise<void> };
let dir: string;
let file: string;
let token: string;
let manifestFile: string;
const committedManifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'gateway/trusted-documents.json'), 'utf8')) as {
  documents: Record<string, string>;
};

beforeAll(async () => {
  expect(withoutCampaign).not.toBe(committed);
  // The edited file must still build: the test is about the reload, not a broken file.
  expect(() => buildASTSchema(parse(withoutCampaign))).not.toThrow();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh360-supergraph-'));
  file = path.join(dir, 'supergraph.graphql');
  fs.writeFileSync(file, committed);
  token = await running.mesh.token([...ALL_SCOPES]);
  manifestFile = path.join(dir, 'trusted-documents.json');
  fs.writeFileSync(manifestFile, JSON.stringify(committedManifest));
  gateway = await running.mesh.startGateway({
    supergraphPath: file,
    supergraphPollMs: 200,
    edge: { trustedDocumentsPath: manifestFile, rateLimit: { perSecond: 100_000, burst: 100_000 } },
  });
}, 120_000);

afterAll(async () => {
  await gateway?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

async function run(
  query: string,
  bearer = token,
): Promise<{ data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] }> {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: unknown; errors?: { message: string }[] };
}

async function servedVersion(): Promise<string> {
  const response = await fetch(gateway.url.replace(/\/graphql$/, '/readiness'));
  const body = (await response.json()) as { supergraph: { version: string } };
  return body.supergraph.version;
}

/** Polls until `check` holds, for at most 30 s (a new schema is built on a busy machine too). */
async function eventually(check: () => Promise<boolean>): Promise<void> {
  for (let tries = 0; tries < 300; tries++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('condition not reached within 30 s');
}

describe('supergraph roll-out without a restart', () => {
  it('serves a new version of the file, reports it, and keeps serving it when a later file does not build', async () => {
    const first = await servedVersion();
    expect(first).toMatch(/^[0-9a-f]{12}$/);
    expect(await run(CAMPAIGN)).toMatchObject({ data: { campaign: null } });

    fs.writeFileSync(file, withoutCampaign);
    await eventually(async () => (await servedVersion()) !== first);
    const second = await servedVersion();
    const refused = await run(CAMPAIGN);
    expect(refused.errors?.[0].message).toMatch(/Cannot query field "campaign"/);
    expect(await run('{ customers(first: 1) { edges { node { id } } } }')).not.toHaveProperty('errors');

    // Half a file (a deploy caught mid-copy) and then nonsense: neither replaces what serves.
    fs.writeFileSync(file, withoutCampaign.slice(0, withoutCampaign.length / 2));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    fs.writeFileSync(file, 'type Query { broken: Nope }');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await servedVersion()).toBe(second);
    expect(await run('{ customers(first: 1) { edges { node { id } } } }')).not.toHaveProperty('errors');

    // Back to the committed composition: the first version serves again.
    fs.writeFileSync(file, committed);
    await eventually(async () => (await servedVersion()) === first);
    expect(await run(CAMPAIGN)).toMatchObject({ data: { campaign: null } });
  });

  it('registers new trusted documents from the manifest file without a restart', async () => {
    const client = await running.mesh.token(ALL_SCOPES.filter((scope) => scope !== 'adhoc'));
    const operation = 'query NewScreen { products(first: 1) { edges { node { sku } } } }';
    expect((await run(operation, client)).errors?.[0].extensions?.code).toBe('TRUSTED_DOCUMENT_REQUIRED');
    const documents = { ...committedManifest.documents, [documentHash(operation)]: operation };
    fs.writeFileSync(manifestFile, JSON.stringify({ documents }));
    await eventually(async () => !(await run(operation, client)).errors);
    // A manifest that does not parse leaves the one in force.
    fs.writeFileSync(manifestFile, '{ "documents": ');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await run(operation, client)).not.toHaveProperty('errors');
  });
});
