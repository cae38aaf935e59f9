// The producer side: appendEvent writes an event into the domain's outbox inside the domain
// write's transaction; the relay hands out log positions in commit order and, with NATS,
// publishes the positioned rows.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { sql, type Generated, type Kysely, type Selectable, type Transaction } from 'kysely';
import { backoffDelayMs, sleep } from '../backoff.js';
import type { Logger } from '../logger.js';
import { eventsPublished } from '../metrics.js';
import { findContract, type DomainEvent } from './contract.js';
import type { AnyDatabase } from '../db.js';

/** The outbox tables (shared/events/migration.ts) as Kysely sees them. */
export interface EventTables {
  outbox: {
    id: string;
    type: string;
    version: number;
    key: string;
    occurred_at: Date;
    payload: unknown;
    recorded_at: Generated<Date>;
    position: number | null;
    published_at: Date | null;
  };
  processed_events: { consumer: string; event_id: string; applied_at: Generated<Date> };
  consumer_positions: {
    consumer: string;
    producer: string;
    position: number;
    last_event_id: string | null;
    updated_at: Generated<Date>;
  };
  dead_letters: {
    consumer: string;
    event_id: string;
    producer: string;
    type: string;
    event: unknown;
    error: string;
    attempts: number;
    failed_at: Generated<Date>;
  };
}

export interface NewEvent<P = unknown> {
  type: string;
  version: number;
  /** The owner's key the event is about. */
  key: string;
  /** When the fact happened; defaults to now. */
  occurredAt?: Date;
  payload: P;
}

// One process-wide signal: an append wakes every relay of this process (one per domain database).
const signals = new EventEmitter();
signals.setMaxListeners(0);

/**
 * Writes one event into the outbox, inside the caller's transaction (so a rollback publishes
 * nothing). The payload must satisfy the event's registered contract; returns the event id.
 */
export async function appendEvent<P>(trx: Transaction<AnyDatabase>, event: NewEvent<P>): Promise<string> {
  const [id] = await appendEvents(trx, [event]);
  return id;
}

// 6 bind parameters per row; Postgres takes at most 65,535 per statement.
const APPEND_CHUNK = 10_000;

/** appendEvent for many events in few statements (bulk writers such as the seeder); returns their ids in order. */
export async function appendEvents(trx: Transaction<AnyDatabase>, events: readonly NewEvent[]): Promise<string[]> {
  if (!trx.isTransaction)
    throw new Error(`appendEvent(${events[0]?.type}) must run inside the domain write's transaction`);
  const rows = events.map((event) => {
    const contract = findContract(event.type, event.version);
    if (!contract)
      throw new Error(
        `No contract for event ${event.type} v${event.version}; declare it with defineEvent in the domain's src/events/`,
      );
    const parsed = contract.payload.safeParse(event.payload);
    // A payload that breaks its contract is a bug in the producer, never bad user input.
    if (!parsed.success)
      throw new Error(`Event ${event.type} v${event.version} breaks its contract: ${parsed.error.message}`);
    return {
      id: randomUUID(),
      type: event.type,
      version: event.version,
      key: event.key,
      occurred_at: event.occurredAt ?? new Date(),
      payload: JSON.stringify(parsed.data),
    };
  });
  for (let start = 0; start < rows.length; start += APPEND_CHUNK) {
    await (trx as Transaction<EventTables>)
      .insertInto('outbox')
      .values(rows.slice(start, start + APPEND_CHUNK))
      .execute();
  }
  // The transaction has not committed yet: the relay retries quickly a few times after a wake.
  if (rows.length > 0) signals.emit('appended');
  return rows.map((row) => row.id);
}

/** Calls `listener` whenever the relay of `producer` positioned new events; returns the unsubscribe. */
export function onPositioned(producer: string, listener: () => void): () => void {
  signals.on(`positioned:${producer}`, listener);
  return () => signals.off(`positioned:${producer}`, listener);
}

type OutboxRow = Selectable<EventTables['outbox']>;

/** An outbox row as the event consumers receive. */
export function rowToEvent(producer: string, row: OutboxRow): DomainEvent {
  return {
    id: row.id,
    type: row.type,
    version: row.version,
    key: row.key,
    occurredAt: row.occurred_at,
    recordedAt: row.recorded_at,
    producer,
    position: Number(row.position),
    payload: row.payload,
  };
}

/**
 * Gives log positions to committed outbox rows that have none, at most `limit`, and returns them.
 * One relay transaction at a time (a transaction-scoped advisory lock per schema): rows that
 * commit later, even with earlier ids or times, always get higher positions than every row a
 * consumer may already have read, so reading by position never skips one.
 */
export async function assignPositions(
  db: Kysely<AnyDatabase>,
  options: { limit: number; markPublished: boolean },
): Promise<OutboxRow[]> {
  return (db as Kysely<EventTables>).transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(current_schema() || '.outbox_relay'))`.execute(trx);
    const pending = await trx
      .selectFrom('outbox')
      .select('id')
      .where('position', 'is', null)
      .orderBy('recorded_at')
      .orderBy('id')
      .limit(options.limit)
      .execute();
    if (pending.length === 0) return [];
    // Reserve a block of the sequence; only this (locked) relay moves it.
    const { rows } = await sql<{
      last: number;
    }>`select setval('outbox_position_seq', nextval('outbox_position_seq') + ${pending.length - 1}) as last`.execute(
      trx,
    );
    const first = Number(rows[0].last) - pending.length + 1;
    const positioned = await sql<OutboxRow>`
      update outbox set position = ${first - 1} + v.rank${options.markPublished ? sql`, published_at = now()` : sql``}
      from unnest(${pending.map((row) => row.id)}::uuid[]) with ordinality as v(id, rank)
      where outbox.id = v.id
      returning outbox.*`.execute(trx);
    return positioned.rows.sort((a, b) => Number(a.position) - Number(b.position));
  });
}

/** Positioned events after `after`, in log order (what the log endpoint serves). */
export async function readLog(
  db: Kysely<AnyDatabase>,
  producer: string,
  after: number,
  limit: number,
): Promise<DomainEvent[]> {
  const rows = await (db as Kysely<EventTables>)
    .selectFrom('outbox')
    .selectAll()
    .where('position', '>', after)
    .orderBy('position')
    .limit(limit)
    .execute();
  return rows.map((row) => rowToEvent(producer, row));
}

/** Where the relay publishes positioned events when a broker is configured. */
export interface EventPublisher {
  /** Publishes one event, resolving once the broker stored it (duplicates by event id are dropped). */
  publish(event: DomainEvent): Promise<void>;
}

export interface RelayOptions {
  db: Kysely<AnyDatabase>;
  producer: string;
  /** The broker; without one the log endpoint is the publication and positioning marks published_at. */
  publisher?: EventPublisher;
  logger?: Logger;
  /** Fallback poll when no append woke the relay. */
  pollMs?: number;
  batchSize?: number;
}

export interface Relay {
  /** One pass: position every committed row, then publish what is unpublished. Returns the events positioned. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

// After a wake the appending transaction may not have committed yet: look again soon, a few times.
const EAGER_DELAYS_MS = [0, 5, 10, 20, 40, 80];
const PUBLISH_WINDOW = 100;

/** Starts the outbox relay of one producer: positions (and publishes) events within milliseconds of their commit. */
export function startRelay(options: RelayOptions): Relay {
  const { db, producer, publisher, logger } = options;
  const pollMs = options.pollMs ?? 200;
  const batchSize = options.batchSize ?? 500;
  const stopping = new AbortController();
  let eager = EAGER_DELAYS_MS.length;
  let wake: (() => void) | undefined;
  const onAppend = () => {
    eager = 0;
    wake?.();
  };
  signals.on('appended', onAppend);

  async function position(): Promise<number> {
    let total = 0;
    for (;;) {
      const rows = await assignPositions(db, { limit: batchSize, markPublished: !publisher });
      total += rows.length;
      if (!publisher) for (const row of rows) eventsPublished().inc({ producer, type: row.type });
      if (rows.length > 0) signals.emit(`positioned:${producer}`);
      if (rows.length < batchSize) return total;
    }
  }

  async function publish(): Promise<void> {
    if (!publisher) return;
    const outbox = db as Kysely<EventTables>;
    for (;;) {
      const rows = await outbox
        .selectFrom('outbox')
        .selectAll()
        .where('published_at', 'is', null)
        .where('position', 'is not', null)
        .orderBy('position')
        .limit(batchSize)
        .execute();
      // Up to PUBLISH_WINDOW publishes in flight: one broker round trip per event would cap a
      // backlog's drain at a few hundred events per second. Consumers tolerate the reordering.
      for (let start = 0; start < rows.length; start += PUBLISH_WINDOW) {
        const window = rows.slice(start, start + PUBLISH_WINDOW);
        await Promise.all(window.map((row) => publisher.publish(rowToEvent(producer, row))));
        // A crash between the broker's acks and this update republishes these events with the
        // same ids: the broker's de-duplication window and the consumers' processed_events absorb it.
        await outbox
          .updateTable('outbox')
          .set({ published_at: new Date() })
          .where(
            'id',
            'in',
            window.map((row) => row.id),
          )
          .execute();
        for (const row of window) eventsPublished().inc({ producer, type: row.type });
      }
      if (rows.length < batchSize) return;
    }
  }

  const runOnce = async () => {
    const positioned = await position();
    await publish();
    return positioned;
  };

  const loop = (async () => {
    let failures = 0;
    while (!stopping.signal.aborted) {
      let found = 0;
      try {
        found = await runOnce();
        if (failures > 0) logger?.info({ producer }, 'outbox relay recovered');
        failures = 0;
      } catch (err) {
        failures += 1;
        if (stopping.signal.aborted) break;
        if (failures === 1) logger?.warn({ producer, err }, 'outbox relay failed; retrying with back-off');
        await sleep(backoffDelayMs(failures, { initialMs: pollMs, maxMs: 10_000 }), stopping.signal).catch(
          () => undefined,
        );
        continue;
      }
      if (found > 0) eager = 0;
      const delay = eager < EAGER_DELAYS_MS.length ? EAGER_DELAYS_MS[eager++] : pollMs;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, delay);
        function done() {
          clearTimeout(timer);
          wake = undefined;
          stopping.signal.removeEventListener('abort', done);
          resolve();
        }
        wake = done;
        stopping.signal.addEventListener('abort', done, { once: true });
      });
    }
  })();

  return {
    runOnce,
    stop: async () => {
      signals.off('appended', onAppend);
      stopping.abort();
      await loop;
    },
  };
}
