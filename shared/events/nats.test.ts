// The same consumer code over NATS JetStream: the shared server at 127.0.0.1:4222 (unique stream
// and consumer names per test), and a nats-server this test starts itself on another port to take
// it away for a while. Heavy: runs in the Postgres pass only (TEST_DATABASE_URL set).
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { freePort } from '../../test/support/process-mesh.js';
import { createTestDatabase, type TestDatabase } from '../testing.js';
import { storedPosition } from './consumer.js';
import { streamName } from './nats-transport.js';
import {
  appendEvent,
  createEventTransport,
  defineEvent,
  startConsumer,
  startRelay,
  type DomainEvent,
  type EventTables,
  type EventTransport,
} from './index.js';
import * as outboxMigration from './migration.js';

const NATS_SERVER = '/usr/sbin/nats-server';
const migrations = {
  '0001_outbox': outboxMigration,
  '0002_tallies': {
    up: async (db: Kysely<any>) =>
      void (await sql`create table tallies (key text primary key, total int not null)`.execute(db)),
  },
};
type Db = EventTables & { tallies: { key: string; total: number } };

const sale = z.strictObject({ amount: z.number().int() });

/** A producer name (and so a NATS stream) of this test run only, with its sale contract. */
function uniqueProducer(): string {
  const producer = `t${randomBytes(4).toString('hex')}`;
  defineEvent({
    producer,
    type: `Sale_${producer}`,
    version: 1,
    key: 'the sale id',
    description: 'A sale (test contract)',
    payload: sale,
  });
  return producer;
}

async function sell(db: Kysely<Db>, producer: string, key: string, amount: number) {
  return db
    .transaction()
    .execute((trx) => appendEvent(trx, { type: `Sale_${producer}`, version: 1, key, payload: { amount } }));
}

/** The consumer under test: adds each sale to its key's tally; a sale of 13 is poison. */
function startTally(
  transport: EventTransport,
  db: Kysely<Db>,
  producer: string,
  name: string,
  onApplied: () => void = () => {},
) {
  return startConsumer({
    transport,
    db,
    name,
    producer,
    types: [`Sale_${producer}`],
    maxAttempts: 3,
    retryDelayMs: 50,
    handle: async (trx, event: DomainEvent) => {
      const { amount } = event.payload as { amount: number };
      if (amount === 13) throw new Error('unlucky sale');
      await sql`insert into tallies (key, total) values (${event.key}, ${amount}) on conflict (key) do update set total = tallies.total + excluded.total`.execute(
        trx,
      );
      onApplied();
    },
  });
}

const tally = async (db: Kysely<Db>) =>
  Object.fromEntries((await db.selectFrom('tallies').selectAll().execute()).map((row) => [row.key, row.total]));
const processedCount = async (db: Kysely<Db>, consumer: string) =>
  Number(
    (
      await db
        .selectFrom('processed_events')
        .select(sql<number>`count(*)`.as('n'))
        .where('consumer', '=', consumer)
        .executeTakeFirstOrThrow()
    ).n,
  );

async function until(check: () => Promise<boolean>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe.skipIf(!process.env.TEST_DATABASE_URL)('events over NATS JetStream', () => {
  let producerDb: TestDatabase<Db>;
  let consumerDb: TestDatabase<Db>;
  beforeAll(async () => {
    producerDb = await createTestDatabase<Db>('nats_source', migrations);
    consumerDb = await createTestDatabase<Db>('nats_sink', migrations);
  });
  afterAll(async () => {
    await producerDb?.destroy();
    await consumerDb?.destroy();
  });

  it('backfills, applies each event once across a kill mid-batch, and dead-letters a poison event', async () => {
    const producer = uniqueProducer();
    const transport = createEventTransport({ natsUrl: 'nats://127.0.0.1:4222', ackWaitMs: 1_000 });
    const relay = startRelay({ db: producerDb.db, producer, publisher: transport.publisher(producer) });
    try {
      for (let i = 0; i < 40; i++) await sell(producerDb.db, producer, `k${i % 4}`, i === 7 ? 13 : 1);
      let applied = 0;
      let running = startTally(transport, consumerDb.db, producer, 'tally', () => {
        applied += 1;
        if (applied === 10) void running.stop();
      });
      await until(async () => applied >= 10);
      await running.stop();
      for (let i = 0; i < 20; i++) await sell(producerDb.db, producer, `k${i % 4}`, 1);
      running = startTally(transport, consumerDb.db, producer, 'tally');
      await until(async () => (await processedCount(consumerDb.db, 'tally')) === 60);
      await running.stop();
      // 59 good sales of 1 (the poison one is parked), none counted twice.
      expect(await tally(consumerDb.db)).toEqual({ k0: 15, k1: 15, k2: 15, k3: 14 });
      const letters = await consumerDb.db
        .selectFrom('dead_letters')
        .select(['type', 'attempts', 'error'])
        .where('consumer', '=', 'tally')
        .execute();
      expect(letters).toEqual([{ type: `Sale_${producer}`, attempts: 3, error: 'Error: unlucky sale' }]);
      expect(
        Number(
          (
            await producerDb.db
              .selectFrom('outbox')
              .select(sql<number>`count(*)`.as('n'))
              .where('published_at', 'is', null)
              .executeTakeFirstOrThrow()
          ).n,
        ),
      ).toBe(0);
      expect(await storedPosition(consumerDb.db, 'tally', producer)).toBeGreaterThanOrEqual(60);
    } finally {
      await relay.stop();
      await transport.close();
      // The shared server keeps nothing of this test.
      const nc = await connect({ servers: 'nats://127.0.0.1:4222' });
      await (await jetstreamManager(nc)).streams.delete(streamName(producer)).catch(() => false);
      await nc.close();
    }
  });

  it('loses nothing while NATS is down for a while', async () => {
    const port = await freePort();
    const storeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'mesh360-nats-'));
    let server = await startNats(port, storeDir);
    const producer = uniqueProducer();
    const transport = createEventTransport({ natsUrl: `nats://127.0.0.1:${port}`, ackWaitMs: 1_000 });
    const relay = startRelay({ db: producerDb.db, producer, publisher: transport.publisher(producer) });
    const consumer = startTally(transport, consumerDb.db, producer, 'outage');
    try {
      for (let i = 0; i < 10; i++) await sell(producerDb.db, producer, 'before', 1);
      await until(async () => (await tally(consumerDb.db)).before === 10);
      await stopNats(server);
      // Writes go on while the broker is away: they wait in the outbox.
      for (let i = 0; i < 10; i++) await sell(producerDb.db, producer, 'during', 1);
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect((await tally(consumerDb.db)).during).toBeUndefined();
      server = await startNats(port, storeDir);
      for (let i = 0; i < 10; i++) await sell(producerDb.db, producer, 'after', 1);
      await until(async () => (await processedCount(consumerDb.db, 'outage')) === 30, 60_000);
      expect(await tally(consumerDb.db)).toMatchObject({ before: 10, during: 10, after: 10 });
    } finally {
      await consumer.stop();
      await relay.stop();
      await transport.close();
      await stopNats(server);
      fs.rmSync(storeDir, { recursive: true, force: true });
    }
  });
});

/** Starts a JetStream-enabled nats-server of this test and waits until it accepts connections. */
async function startNats(port: number, storeDir: string): Promise<ChildProcess> {
  const child = spawn(NATS_SERVER, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir], {
    stdio: 'ignore',
  });
  const deadline = Date.now() + 10_000;
  for (;;) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (up) return child;
    if (Date.now() > deadline) throw new Error(`nats-server did not start on ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function stopNats(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
