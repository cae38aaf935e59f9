import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestScope } from './request-scope.js';
import { createTestDatabase, type TestDatabase } from './testing.js';

let testDb: TestDatabase<any>;

beforeAll(async () => {
  testDb = await createTestDatabase<any>('request_scope', {});
});

afterAll(async () => {
  await testDb?.destroy();
});

describe('work for an abandoned request', () => {
  it('runs statements while the caller waits, and starts none once it has gone', async () => {
    const caller = new AbortController();
    await requestScope.run({ signal: caller.signal }, async () => {
      const first = await sql<{ one: number }>`select 1 as one`.execute(testDb.db);
      expect(first.rows[0].one).toBe(1);
      caller.abort();
      await expect(sql`select 2`.execute(testDb.db)).rejects.toMatchObject({ extensions: { code: 'REQUEST_ABORTED' } });
    });
  });

  it('leaves work outside any request (jobs, migrations) alone', async () => {
    const result = await sql<{ one: number }>`select 1 as one`.execute(testDb.db);
    expect(result.rows[0].one).toBe(1);
  });
});
