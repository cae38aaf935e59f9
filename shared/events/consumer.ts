// The consumer side: one API whatever the transport. Each event is applied in ONE transaction
// with its processed_events row (so a redelivery, in any order, is applied once); a handler that
// keeps failing sends the event to dead_letters after `maxAttempts` and processing continues.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Logger } from '../logger.js';
import { eventConsumerLag, eventsConsumed, eventsDeadLettered, eventsFailed } from '../metrics.js';
import { toWire, type DomainEvent } from './contract.js';
import type { EventTables } from './outbox.js';
import type { AnyDatabase } from '../db.js';

/** What a consumer does with one event, inside the transaction that records it as processed. */
export type EventHandler<DB = AnyDatabase> = (trx: Transaction<DB>, event: DomainEvent) => Promise<void>;

export interface ConsumerOptions<DB = AnyDatabase> {
  /** The consuming domain's database (it holds processed_events, consumer_positions, dead_letters). */
  db: Kysely<DB>;
  /** Durable consumer name, unique per consuming domain and purpose, e.g. `campaigns-order-facts`. */
  name: string;
  /** The producing domain whose log is read. */
  producer: string;
  /** Event types handled; others are skipped (their position still advances). */
  types: readonly string[];
  handle: EventHandler<DB>;
  /** Attempts before an event is dead-lettered (default 5). */
  maxAttempts?: number;
  /** Delay before retry n is retryDelayMs · 2^(n-1), capped at 30 s (default 200 ms). */
  retryDelayMs?: number;
  logger?: Logger;
}

/** The outcome of one delivery attempt. */
export type ApplyOutcome = 'applied' | 'duplicate' | 'failed' | 'dead-lettered';

/** The parts of ConsumerOptions that applying one event needs. */
export type ApplyOptions = Pick<ConsumerOptions, 'db' | 'name' | 'handle' | 'logger'> & { maxAttempts: number };

/**
 * Applies one delivered event: handler and processed_events row (and, with `trackPosition`, the
 * consumer's position) commit together. Attempt `attempt` failing at `maxAttempts` dead-letters it.
 */
export async function applyEvent(
  options: ApplyOptions,
  event: DomainEvent,
  attempt: number,
  trackPosition: boolean,
): Promise<ApplyOutcome> {
  const { name, handle, logger } = options;
  const db = options.db as Kysely<EventTables>;
  const labels = { consumer: name, producer: event.producer, type: event.type };
  try {
    const applied = await db.transaction().execute(async (trx) => {
      const fresh = await trx
        .insertInto('processed_events')
        .values({ consumer: name, event_id: event.id })
        .onConflict((oc) => oc.doNothing())
        .returning('event_id')
        .executeTakeFirst();
      if (fresh) await handle(trx as Transaction<AnyDatabase>, event);
      if (trackPosition) await savePosition(trx, name, event);
      return Boolean(fresh);
    });
    if (!applied) return 'duplicate';
    eventsConsumed().inc(labels);
    eventConsumerLag().observe(
      { consumer: name, producer: event.producer },
      Math.max(0, (Date.now() - event.recordedAt.getTime()) / 1000),
    );
    return 'applied';
  } catch (err) {
    eventsFailed().inc(labels);
    if (attempt < options.maxAttempts) {
      logger?.warn(
        { consumer: name, producer: event.producer, type: event.type, eventId: event.id, attempt, err },
        'event handler failed; will retry',
      );
      return 'failed';
    }
    // Last attempt: park the event and move on, so one poison event cannot stop the stream.
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('dead_letters')
        .values({
          consumer: name,
          event_id: event.id,
          producer: event.producer,
          type: event.type,
          event: JSON.stringify(toWire(event)),
          error: errorText(err),
          attempts: attempt,
        })
        .onConflict((oc) => oc.doNothing())
        .execute();
      await trx
        .insertInto('processed_events')
        .values({ consumer: name, event_id: event.id })
        .onConflict((oc) => oc.doNothing())
        .execute();
      if (trackPosition) await savePosition(trx, name, event);
    });
    eventsDeadLettered().inc(labels);
    logger?.error(
      { consumer: name, producer: event.producer, type: event.type, eventId: event.id, attempts: attempt, err },
      'event dead-lettered',
    );
    return 'dead-lettered';
  }
}

/**
 * Applies a run of events in ONE transaction (the common case while catching up: one commit per
 * batch instead of per event), each still recorded in processed_events so duplicates are skipped;
 * the position moves to `positionEvent`. Returns false, with nothing written, when any handler
 * failed: the caller then applies the events one by one, with retries and dead letters.
 */
export async function applyBatch(
  options: ApplyOptions,
  events: readonly DomainEvent[],
  positionEvent: DomainEvent,
): Promise<boolean> {
  const { name, handle } = options;
  const db = options.db as Kysely<EventTables>;
  let fresh: DomainEvent[];
  try {
    fresh = await db.transaction().execute(async (trx) => {
      const inserted =
        events.length === 0
          ? []
          : await trx
              .insertInto('processed_events')
              .values(events.map((event) => ({ consumer: name, event_id: event.id })))
              .onConflict((oc) => oc.doNothing())
              .returning('event_id')
              .execute();
      const ids = new Set(inserted.map((row) => row.event_id));
      const applied = events.filter((event) => ids.has(event.id));
      for (const event of applied) await handle(trx as Transaction<AnyDatabase>, event);
      await savePosition(trx, name, positionEvent);
      return applied;
    });
  } catch (err) {
    options.logger?.debug(
      { consumer: name, producer: positionEvent.producer, err },
      'batch failed; applying its events one by one',
    );
    return false;
  }
  for (const event of fresh) {
    eventsConsumed().inc({ consumer: name, producer: event.producer, type: event.type });
    eventConsumerLag().observe(
      { consumer: name, producer: event.producer },
      Math.max(0, (Date.now() - event.recordedAt.getTime()) / 1000),
    );
  }
  return true;
}

/** Moves the consumer's position forward to `event` (never back: redeliveries may come out of order). */
export async function savePosition(
  db: Kysely<AnyDatabase>,
  consumer: string,
  event: Pick<DomainEvent, 'producer' | 'position' | 'id'>,
): Promise<void> {
  await (db as Kysely<EventTables>)
    .insertInto('consumer_positions')
    .values({ consumer, producer: event.producer, position: event.position, last_event_id: event.id })
    .onConflict((oc) =>
      oc
        .columns(['consumer', 'producer'])
        .doUpdateSet({
          position: sql`excluded.position`,
          last_event_id: sql`excluded.last_event_id`,
          updated_at: sql`now()`,
        })
        .where('consumer_positions.position', '<', sql<number>`excluded.position`),
    )
    .execute();
}

/** The position a consumer has applied up to in a producer's log (0 before its first event: replay from the start). */
export async function storedPosition(db: Kysely<AnyDatabase>, consumer: string, producer: string): Promise<number> {
  const row = await (db as Kysely<EventTables>)
    .selectFrom('consumer_positions')
    .select('position')
    .where('consumer', '=', consumer)
    .where('producer', '=', producer)
    .executeTakeFirst();
  return row ? Number(row.position) : 0;
}

/** Delay before retry `attempt` of a failed event. */
export const retryDelay = (attempt: number, baseMs: number) => Math.min(30_000, baseMs * 2 ** Math.max(0, attempt - 1));

function errorText(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
