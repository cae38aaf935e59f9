// The event backbone on a real database (PGlite, or Postgres with TEST_DATABASE_URL): outbox in
// the writer's transaction, commit-ordered positions, idempotent consumers, dead letters, and a
// consumer killed mid-batch over the no-broker HTTP log.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestDatabase, type TestDatabase } from '../testing.js';
import { applyEvent, storedPosition } from './consumer.js';
import {
  appendEvent,
  createEventTransport,
  defineEvent,
  eventLogRoute,
  startConsumer,
  startRelay,
  type DomainEvent,
  type EventTables,
} from './index.js';
import { assignPositions, readLog } from './outbox.js';
import * as outboxMigration from './migration.js';

const producer = 'testshop';
defineEvent({
  producer,
  type: 'TestSale',
  version: 1,
  key: 'the sale id',
  description: 'A sale (test contract)',
  payload: z.strictObject({ amount: z.number().int() }),
});
const migrations = {
  '0001_outbox': outboxMigration,
  '0002_tallies': {
    up: async (db: Kysely<any>) =>
      void (await sql`create table tallies (key text primary key, total int not null)`.execute(db)),
  },
};

type Db = EventTables & { tallies: { key: string; total: number } };

/** Appends one sale in its own transaction. */
async function sell(db: Kysely<Db>, key: string, amount: number) {
  return db
    .transaction()
    .execute((trx) => appendEvent(trx, { type: 'TestSale', version: 1, key, payload: { amount } }));
}

const addToTally = async (trx: Kysely<any>, event: DomainEvent) => {
  const { amount } = event.payload as { amount: number };
  await sql`insert into tallies (key, total) values (${event.key}, ${amount}) on conflict (key) do update set total = tallies.total + excluded.total`.execute(
    trx,
  );
};

const tally = async (db: Kysely<Db>) =>
  Object.fromEntries((await db.selectFrom('tallies').selectAll().execute()).map((row) => [row.key, row.total]));

async function until(check: () => Promise<boolean>, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('outbox and relay', () => {
  let testDb: TestDatabase<Db>;
  beforeAll(async () => {
    testDb = await createTestDatabase<Db>('events_producer', migrations);
  });
  afterAll(async () => testDb?.destroy());

  it('publishes only what commits, positioned in order, and refuses payloads that break the contract', async () => {
    const { db } = testDb;
    await expect(
      db.transaction().execute(async (trx) => {
        await appendEvent(trx, { type: 'TestSale', version: 1, key: 'rolled-back', payload: { amount: 1 } });
        throw new Error('the domain write failed');
      }),
    ).rejects.toThrow('the domain write failed');
    await expect(
      db
        .transaction()
        .execute((trx) => appendEvent(trx, { type: 'TestSale', version: 1, key: 'bad', payload: { amount: 'ten' } })),
    ).rejects.toThrow(/breaks its contract/);
    await expect(
      db.transaction().execute((trx) => appendEvent(trx, { type: 'Unknown', version: 1, key: 'x', payload: {} })),
    ).rejects.toThrow(/No contract/);
    await expect(
      appendEvent(db as never, { type: 'TestSale', version: 1, key: 'x', payload: { amount: 1 } }),
    ).rejects.toThrow(/inside the domain write's transaction/);

    const first = await sell(db, 'a', 5);
    const second = await sell(db, 'b', 7);
    const positioned = await assignPositions(db, { limit: 100, markPublished: true });
    expect(positioned.map((row) => row.id)).toEqual([first, second]);
    const log = await readLog(db, producer, 0, 10);
    expect(log.map((event) => [event.id, event.position, event.key, event.payload])).toEqual([
      [first, 1, 'a', { amount: 5 }],
      [second, 2, 'b', { amount: 7 }],
    ]);
    expect(await readLog(db, producer, 1, 10)).toHaveLength(1);
    expect(await testDb.rowCount('outbox')).toBe(2);
  });

  it('a running relay positions an event within a fraction of a second of its commit', async () => {
    const { db } = testDb;
    const relay = startRelay({ db, producer });
    try {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const started = Date.now();
      const id = await sell(db, 'c', 1);
      await until(
        async () =>
          (await db.selectFrom('outbox').select('position').where('id', '=', id).executeTakeFirstOrThrow()).position !==
          null,
        2_000,
      );
      expect(Date.now() - started).toBeLessThan(500);
    } finally {
      await relay.stop();
    }
  });

  it.skipIf(!process.env.TEST_DATABASE_URL)(
    'never skips a row that commits after a later one (Postgres: two connections)',
    async () => {
      const { db } = testDb;
      const before = Number(
        (
          await db
            .selectFrom('outbox')
            .select(sql<number>`coalesce(max(position), 0)`.as('p'))
            .executeTakeFirstOrThrow()
        ).p,
      );
      // T1 appends first (earlier id and recorded_at) but commits last.
      let releaseT1!: () => void;
      const t1Appended = new Promise<string>((resolveAppended) => {
        void db.transaction().execute(async (trx) => {
          const id = await appendEvent(trx, { type: 'TestSale', version: 1, key: 'slow', payload: { amount: 1 } });
          resolveAppended(id);
          await new Promise<void>((resolve) => (releaseT1 = resolve));
        });
      });
      const slow = await t1Appended;
      const fast = await sell(db, 'fast', 1);
      expect((await assignPositions(db, { limit: 100, markPublished: true })).map((row) => row.id)).toEqual([fast]);
      const seen = (await readLog(db, producer, before, 100)).map((event) => event.id);
      const cursor = before + seen.length;
      releaseT1();
      await until(
        async () =>
          (await db.selectFrom('outbox').select('id').where('id', '=', slow).executeTakeFirst()) !== undefined,
      );
      expect((await assignPositions(db, { limit: 100, markPublished: true })).map((row) => row.id)).toEqual([slow]);
      // A consumer that had read up to `cursor` still finds the late commit after it.
      expect((await readLog(db, producer, cursor, 100)).map((event) => event.id)).toEqual([slow]);
    },
  );
});

describe('consumers', () => {
  let producerDb: TestDatabase<Db>;
  let consumerDb: TestDatabase<Db>;
  beforeAll(async () => {
    producerDb = await createTestDatabase<Db>('events_source', migrations);
    consumerDb = await createTestDatabase<Db>('events_sink', migrations);
  });
  afterAll(async () => {
    await producerDb?.destroy();
    await consumerDb?.destroy();
  });

  const event = (key: string, amount: number): DomainEvent => ({
    id: crypto.randomUUID(),
    type: 'TestSale',
    version: 1,
    key,
    occurredAt: new Date(),
    recordedAt: new Date(),
    producer,
    position: 1,
    payload: { amount },
  });

  it('applies a redelivered event once, whatever the order', async () => {
    const { db } = consumerDb;
    const options = { db, name: 'idempotent', handle: addToTally, maxAttempts: 3 };
    const one = event('idem', 3);
    const two = { ...event('idem', 4), position: 2 };
    expect(await applyEvent(options, two, 1, true)).toBe('applied');
    expect(await applyEvent(options, one, 1, true)).toBe('applied');
    expect(await applyEvent(options, two, 2, true)).toBe('duplicate');
    expect(await applyEvent(options, one, 2, true)).toBe('duplicate');
    expect((await tally(db)).idem).toBe(7);
    // The position never moves back when an older event arrives late.
    expect(await storedPosition(db, 'idempotent', producer)).toBe(2);
  });

  it('sends a poison event to dead_letters after the last attempt and goes on', async () => {
    const { db } = consumerDb;
    let calls = 0;
    const options = {
      db,
      name: 'poisoned',
      maxAttempts: 3,
      handle: async (trx: Kysely<any>, e: DomainEvent) => {
        calls += 1;
        await addToTally(trx, e);
        if (e.key === 'poison') throw new Error('cannot digest this');
      },
    };
    const poison = event('poison', 1);
    expect(await applyEvent(options, poison, 1, false)).toBe('failed');
    expect(await applyEvent(options, poison, 2, false)).toBe('failed');
    expect(await applyEvent(options, poison, 3, false)).toBe('dead-lettered');
    expect(await applyEvent(options, poison, 4, false)).toBe('duplicate');
    expect(await applyEvent(options, event('healthy', 2), 1, false)).toBe('applied');
    expect(calls).toBe(4);
    const letters = await db.selectFrom('dead_letters').selectAll().where('consumer', '=', 'poisoned').execute();
    expect(letters.map((row) => [row.event_id, row.attempts, row.error])).toEqual([
      [poison.id, 3, 'Error: cannot digest this'],
    ]);
    // The failed attempts rolled back their writes.
    expect((await tally(db)).poison).toBeUndefined();
    expect((await tally(db)).healthy).toBe(2);
  });

  it('over the no-broker log: backfills from the start, and a consumer killed mid-batch resumes without loss or double count', async () => {
    const source = producerDb.db;
    const sink = consumerDb.db;
    const stop = new AbortController();
    const route = eventLogRoute({ db: source, producer, signal: stop.signal });
    const server = http.createServer((req, res) => void route(req, res, new URL(req.url ?? '/', 'http://localhost')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const transport = createEventTransport({
      producerUrls: { [producer]: `http://127.0.0.1:${(server.address() as AddressInfo).port}` },
    });
    const relay = startRelay({ db: source, producer });
    try {
      // Events written before the consumer exists are replayed (backfill).
      for (let i = 0; i < 30; i++) await sell(source, `k${i % 3}`, 1);
      // The consumer is killed while applying the 12th event of its first page: the page's
      // transaction never commits (as when the process dies), so it resumes from where it stood.
      let calls = 0;
      let running = startConsumer({
        transport,
        db: sink,
        name: 'killed',
        producer,
        types: ['TestSale'],
        handle: async (trx, e) => {
          calls += 1;
          if (calls === 12) {
            void running.stop();
            throw new Error('killed mid-batch');
          }
          await addToTally(trx, e);
        },
      });
      await until(async () => calls >= 12);
      await running.stop();
      expect(await storedPosition(sink, 'killed', producer)).toBe(0);
      expect((await tally(sink)).k0).toBeUndefined();
      // More events arrive while it is down, one of them poison; then it restarts from its stored
      // position: its page fails as a whole, is applied event by event, and the poison one parked.
      for (let i = 0; i < 30; i++) await sell(source, `k${i % 3}`, i === 4 ? 13 : 1);
      const poisonAware = async (trx: Kysely<any>, e: DomainEvent) => {
        if ((e.payload as { amount: number }).amount === 13) throw new Error('unlucky sale');
        await addToTally(trx, e);
      };
      running = startConsumer({
        transport,
        db: sink,
        name: 'killed',
        producer,
        types: ['TestSale'],
        handle: poisonAware,
        maxAttempts: 2,
        retryDelayMs: 10,
      });
      await until(async () => (await storedPosition(sink, 'killed', producer)) === 60);
      await running.stop();
      expect(await tally(sink)).toMatchObject({ k0: 20, k1: 19, k2: 20 });
      expect(
        await sink.selectFrom('dead_letters').select(['attempts', 'error']).where('consumer', '=', 'killed').execute(),
      ).toEqual([{ attempts: 2, error: 'Error: unlucky sale' }]);
      expect(
        Number(
          (
            await sink
              .selectFrom('processed_events')
              .select(sql<number>`count(*)`.as('n'))
              .where('consumer', '=', 'killed')
              .executeTakeFirstOrThrow()
          ).n,
        ),
      ).toBe(60);
    } finally {
      stop.abort();
      await relay.stop();
      await transport.close();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
