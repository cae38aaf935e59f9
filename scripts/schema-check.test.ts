// `npm run schema:check` on fixture repositories: a small federated subgraph committed on `main`,
// then changed in the working tree, with recorded operations from a client folder and a test file.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { afterEach, describe, expect, it } from 'vitest';
import { formatReport, runSchemaCheck } from './schema-check/check.js';
import { compareEventContract, compareEventContracts } from './schema-check/event-contracts.js';
import { coordinatesOf, operationsInTypeScript, recordedOperations } from './schema-check/operations.js';
import { supergraphApiOf } from './schema-check/graphql-changes.js';
import { ROOT, SUPERGRAPH_PATH } from '../gateway/src/compose.js';

const FIXTURES = fileURLToPath(new URL('../test/fixtures/schema-check/', import.meta.url));
const repositories: string[] = [];

/** Writes supergraph.graphql for the subgraphs under `root`, as `npm run compose` does for the mesh. */
function compose(root: string): void {
  const names = fs.readdirSync(path.join(root, 'subgraphs')).sort();
  const result = composeServices(
    names.map((name) => ({
      name,
      url: `http://127.0.0.1/${name}`,
      typeDefs: parse(fs.readFileSync(path.join(root, 'subgraphs', name, 'schema.graphql'), 'utf8')),
    })),
  );
  if (result.errors) throw new Error(result.errors.map(String).join('\n'));
  fs.writeFileSync(path.join(root, 'supergraph.graphql'), result.supergraphSdl);
}

/**
 * A git repository with the base fixture committed on `main`, then `change` (a fixture patch)
 * applied to its working tree and recomposed, and `operations` (fixture file → repository path) added.
 */
function fixtureRepository(
  change: string | undefined,
  operations: Record<string, string>,
): { root: string; git: (...args: string[]) => void } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'schema-check-'));
  repositories.push(root);
  fs.cpSync(path.join(FIXTURES, 'base'), root, { recursive: true });
  compose(root);
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', root, '-c', 'user.name=test', '-c', 'user.email=test@example.com', ...args]);
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  if (change) {
    git('apply', path.join(FIXTURES, `${change}.patch`));
    compose(root);
  }
  for (const [fixture, target] of Object.entries(operations)) {
    fs.mkdirSync(path.dirname(path.join(root, target)), { recursive: true });
    fs.copyFileSync(path.join(FIXTURES, 'operations', fixture), path.join(root, target));
  }
  return { root, git };
}

/** schema:check on a fixture repository, against main. */
const checkFixture = (change: string | undefined, operations: Record<string, string>) =>
  runSchemaCheck({ root: fixtureRepository(change, operations).root, base: 'main' });

const EMAIL_READERS = {
  'uses-email.graphql': 'clients/console/operations.graphql',
  'accounts.test.ts.txt': 'test/accounts.test.ts',
};
const NO_EMAIL_READER = { 'no-email.graphql': 'clients/console/operations.graphql' };

afterEach(() => {
  for (const root of repositories.splice(0)) fs.rmSync(root, { recursive: true, force: true });
});

describe('schema:check', () => {
  it('passes trivially when nothing differs from the base', async () => {
    const report = await checkFixture(undefined, EMAIL_READERS);
    expect(report.changedFiles).toEqual([]);
    expect(report.failures).toEqual([]);
    expect(formatReport(report)).toContain('nothing to check');
  });

  it('fails on a removed field that recorded operations use, naming each operation and its file', async () => {
    const report = await checkFixture('removed-field', EMAIL_READERS);
    expect(report.changedFiles).toEqual(['subgraphs/accounts/schema.graphql', 'supergraph.graphql']);
    // Once in the subgraph (the gateway still plans against it until reloaded), once in the API.
    expect(report.failures.map((change) => [change.file, change.coordinate])).toEqual([
      ['subgraphs/accounts/schema.graphql', 'Account.email'],
      ['supergraph.graphql', 'Account.email'],
    ]);
    for (const failure of report.failures) {
      expect(failure.usedBy.map((operation) => `${operation.name} ${operation.source}`)).toEqual([
        'AccountInTest test/accounts.test.ts:5',
        'AccountEmail clients/console/operations.graphql',
      ]);
    }
    const text = formatReport(report);
    expect(text).toContain('FAIL BREAKING supergraph.graphql Account.email');
    expect(text).toContain('used by AccountEmail (clients/console/operations.graphql)');
  });

  it('warns and passes when no recorded operation uses the removed field', async () => {
    const report = await checkFixture('removed-field', NO_EMAIL_READER);
    expect(report.failures).toEqual([]);
    const breaking = report.changes.filter((change) => change.severity === 'BREAKING');
    expect(breaking.map((change) => change.coordinate)).toEqual(['Account.email', 'Account.email']);
    expect(formatReport(report)).toContain('WARNING BREAKING supergraph.graphql Account.email');
    expect(formatReport(report)).toContain('no recorded operation uses it');
  });

  it('calls a deprecation safe, even while operations still use the field', async () => {
    const report = await checkFixture('deprecated-field', EMAIL_READERS);
    expect(report.failures).toEqual([]);
    expect(report.changes.length).toBeGreaterThan(0);
    expect(report.changes.every((change) => change.severity === 'SAFE')).toBe(true);
    expect(report.changes.map((change) => change.message)).toContain("Field 'Account.email' is deprecated");
  });

  it('fails on a property removed from an event contract, whatever the operations', async () => {
    const report = await checkFixture('removed-event-property', NO_EMAIL_READER);
    expect(report.failures).toMatchObject([
      {
        severity: 'BREAKING',
        file: 'subgraphs/accounts/events/AccountOpened.v1.schema.json',
        coordinate: 'payload.openedAt',
        message: 'property payload.openedAt was removed',
      },
    ]);
  });

  it('calls a subgraph new since the base safe', async () => {
    const report = await checkFixture('new-subgraph', EMAIL_READERS);
    expect(report.changes).toContainEqual(
      expect.objectContaining({ file: 'subgraphs/billing/schema.graphql', severity: 'SAFE' }),
    );
    expect(report.changes.filter((change) => change.file === 'subgraphs/billing/schema.graphql')).toHaveLength(1);
    expect(report.failures).toEqual([]);
    expect(report.changes.filter((change) => change.severity === 'BREAKING')).toEqual([]);
  });

  it('compares with where the branch left main, not with what landed on main since', async () => {
    const { root, git } = fixtureRepository(undefined, EMAIL_READERS);
    git('checkout', '-q', '-b', 'feature');
    git('checkout', '-q', 'main');
    git('apply', path.join(FIXTURES, 'removed-field.patch'));
    compose(root);
    git('commit', '-q', '-am', 'main moves on');
    git('checkout', '-q', 'feature');
    const report = await runSchemaCheck({ root, base: 'main' });
    expect(report.changedFiles).toEqual([]);
  });

  it('refuses an unknown base ref with exit code 2 and says how to name one', () => {
    const result = spawnSync('npx', ['tsx', 'scripts/schema-check.ts', '--base', 'no-such-ref'], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      encoding: 'utf8',
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('git ref "no-such-ref" not found');
  });
});

describe('event contract comparison', () => {
  const payload = (properties: Record<string, unknown>, required: string[]) => ({
    type: 'object',
    properties: { payload: { type: 'object', properties, required } },
  });

  it('breaks on a changed type and on a property no longer required; a new enum value is dangerous', () => {
    const base = payload(
      { total: { type: 'number' }, status: { type: 'string', enum: ['A'] }, note: { type: 'string' } },
      ['total', 'note'],
    );
    const current = payload(
      {
        total: { type: ['number', 'null'] },
        status: { type: 'string', enum: ['A', 'B'] },
        note: { type: 'string' },
        extra: { type: 'string' },
      },
      ['total'],
    );
    expect(
      compareEventContract('x.schema.json', base, current).map((change) => [change.severity, change.message]),
    ).toEqual([
      ['BREAKING', 'type of payload.total changed from {"type":"number"} to {"type":["number","null"]}'],
      ['DANGEROUS', 'payload.status may now be B'],
      ['BREAKING', 'property payload.note is no longer required'],
      ['SAFE', 'property payload.extra was added'],
    ]);
  });

  it('lets v1 of an event retire once v2 replaces it (dangerous), and breaks when nothing replaces it', () => {
    const v1 = 'subgraphs/orders/events/OrderRecorded.v1.schema.json';
    const v2 = 'subgraphs/orders/events/OrderRecorded.v2.schema.json';
    const base = new Map([[v1, '{}']]);
    expect(compareEventContracts(base, new Map([[v2, '{}']])).map((change) => [change.severity, change.file])).toEqual([
      ['DANGEROUS', v1],
      ['SAFE', v2],
    ]);
    expect(compareEventContracts(base, new Map()).map((change) => change.severity)).toEqual(['BREAKING']);
  });
});

describe('recorded operations', () => {
  it('reads GraphQL from string and template literals, inlining constants and skipping what does not parse', () => {
    const source = fs.readFileSync(path.join(FIXTURES, 'operations', 'accounts.test.ts.txt'), 'utf8');
    const operations = operationsInTypeScript(source, 'test/accounts.test.ts');
    expect(operations.map((operation) => operation.name)).toEqual(['AccountInTest']);
  });

  it('collects the coordinates an operation uses: fields, arguments, input fields, enum values', () => {
    const { root } = fixtureRepository(undefined, {});
    const schema = supergraphApiOf(fs.readFileSync(path.join(root, 'supergraph.graphql'), 'utf8'))!;
    const used = coordinatesOf(
      schema,
      parse('query($id: ID!) { account(id: $id) { name } accounts(status: CLOSED) { status } }'),
    );
    expect([...used].sort()).toEqual(
      [
        'Account',
        'Account.name',
        'Account.status',
        'AccountStatus',
        'AccountStatus.ACTIVE',
        'AccountStatus.CLOSED',
        'ID',
        'Query',
        'Query.account',
        'Query.account.id',
        'Query.accounts',
        'Query.accounts.status',
        'String',
      ].sort(),
    );
  });

  it("reads the mesh's own operations: the manifest, the tests' literals, and what each README card query uses", () => {
    const operations = recordedOperations(ROOT);
    const sources = new Set(operations.map((operation) => operation.source.split(':')[0]));
    expect(sources).toContain('gateway/trusted-documents.json');
    expect(sources).toContain('test/mesh.e2e.test.ts');
    expect(sources).toContain('subgraphs/customers/test/customers.test.ts');
    const schema = supergraphApiOf(fs.readFileSync(SUPERGRAPH_PATH, 'utf8'))!;
    const card = operations.find(
      (operation) => operation.name === 'PromotableProducts' && operation.source === 'gateway/trusted-documents.json',
    )!;
    const used = coordinatesOf(schema, card.document);
    for (const coordinate of ['Query.campaign.id', 'Campaign.promotedSkus', 'Campaign.promotableProducts.first']) {
      expect(used).toContain(coordinate);
    }
  });
});
