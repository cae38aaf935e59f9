// Retention: every policy of every domain runs against that domain's real schema, and the ones with
// a condition keep what they must (the latest audience version, recent rows).
import fs from 'node:fs';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { SUBGRAPH_NAMES, type SubgraphName } from '../shared/config.js';
import { enforceRetention, type RetentionPolicy, SHARED_RETENTION } from '../shared/retention.js';
import { createTestDatabase, type TestDatabase } from '../shared/testing.js';
import { migrations as campaignsMigrations } from '../subgraphs/campaigns/src/db/migrations/index.js';
import { campaignsRetention } from '../subgraphs/campaigns/src/retention.js';
import { DOMAINS as REGISTRY } from '../subgraphs/registry.js';

const DOMAINS: Record<string, { migrations: (typeof REGISTRY)[SubgraphName]['migrations']; own: RetentionPolicy[] }> =
  Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [name, { migrations: REGISTRY[name].migrations, own: REGISTRY[name].retention }]),
  );
const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);
const opened: TestDatabase<any>[] = [];

afterAll(async () => {
  for (const db of opened) await db.destroy();
});

describe('retention', () => {
  it('covers every domain, and every policy runs on its schema', async () => {
    expect(Object.keys(DOMAINS).sort()).toEqual([...SUBGRAPH_NAMES].sort());
    // The README's retention table lists every table a policy purges.
    const readme = fs.readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('### Retention'), readme.indexOf('## Schema governance'));
    for (const { own } of Object.values(DOMAINS))
      for (const policy of [...SHARED_RETENTION, ...own]) expect(section).toContain(`\`${policy.table}\``);
    for (const [domain, { migrations, own }] of Object.entries(DOMAINS)) {
      const testDb = await createTestDatabase<any>(domain, migrations);
      opened.push(testDb);
      for (const policy of [...SHARED_RETENTION, ...own]) {
        expect(await enforceRetention(testDb.db, policy), `${domain} ${policy.table}`).toBe(0);
      }
    }
  }, 300_000);

  it('purges old touchpoints and superseded audiences, keeping the latest version and recent rows', async () => {
    const testDb = await createTestDatabase<any>('campaigns', campaignsMigrations);
    opened.push(testDb);
    const db = testDb.db;
    await sql`insert into campaigns (id, name, channel, status) values ('c1', 'Spring', 'EMAIL', 'ACTIVE')`.execute(db);
    await sql`insert into touchpoints (id, customer_id, campaign_id, channel, kind, occurred_at)
      values ('t-old', 'cus-1', 'c1', 'EMAIL', 'CLICK', ${ago(800)}), ('t-new', 'cus-1', 'c1', 'EMAIL', 'CLICK', ${ago(5)})`.execute(
      db,
    );
    for (const version of [1, 2]) {
      await sql`insert into audiences (campaign_id, version, computed_at, size, rule)
        values ('c1', ${version}, ${ago(300 - version)}, 1, '{}'::jsonb)`.execute(db);
      await sql`insert into audience_members (campaign_id, version, customer_id) values ('c1', ${version}, 'cus-1')`.execute(
        db,
      );
    }
    const policy = (table: string) => campaignsRetention.find((candidate) => candidate.table === table)!;
    expect(await enforceRetention(db, policy('touchpoints'))).toBe(1);
    expect(await enforceRetention(db, policy('audiences'))).toBe(1);
    const touchpoints = await sql<{ id: string }>`select id from touchpoints`.execute(db);
    expect(touchpoints.rows).toEqual([{ id: 't-new' }]);
    const members = await sql<{ version: number }>`select version from audience_members`.execute(db);
    expect(members.rows).toEqual([{ version: 2 }]);
  });
});
