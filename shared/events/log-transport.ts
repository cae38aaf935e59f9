// No-broker transport (the default for `npm start`): each producer serves its ordered outbox log
// on its own HTTP port, and consumers pull it from their stored position (0 = replay from the start).
import type http from 'node:http';
import { z } from 'zod';
import { backoffDelayMs, sleep } from '../backoff.js';
import { sendJson } from '../http.js';
import type { Kysely } from 'kysely';
import { fromWire, toWire, type WireEvent } from './contract.js';
import { applyBatch, applyEvent, retryDelay, savePosition, storedPosition, type ConsumerOptions } from './consumer.js';
import { onPositioned, readLog } from './outbox.js';
import type { AnyDatabase } from '../db.js';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);
const logQuery = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  wait: z.coerce.number().int().min(0).max(10_000).default(5_000),
});

/**
 * The handler of `GET /events?after=<position>&limit=<n>&wait=<ms>`: positioned events after
 * `after` in log order, long-polling up to `wait` ms while there are none. Mounted only when no
 * broker is configured, and answered only to loopback callers: it is the development/no-broker
 * path where every service runs on one machine; the log holds the domain's facts and is not
 * meant to leave the host (with NATS, the broker and its permissions do that job).
 */
export function eventLogRoute(options: { db: Kysely<AnyDatabase>; producer: string; signal?: AbortSignal }) {
  return async (req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> => {
    if (!LOOPBACK.has(req.socket.remoteAddress ?? ''))
      return sendJson(res, 403, { error: 'the event log is served to loopback callers only' });
    if (req.method !== 'GET') {
      res.setHeader('allow', 'GET');
      return sendJson(res, 405, { error: 'GET only' });
    }
    const query = logQuery.safeParse(Object.fromEntries(url.searchParams));
    if (!query.success)
      return sendJson(res, 400, {
        error: query.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; '),
      });
    const { after, limit, wait } = query.data;
    let events = await readLog(options.db, options.producer, after, limit);
    if (events.length === 0 && wait > 0 && !options.signal?.aborted) {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          unsubscribe();
          options.signal?.removeEventListener('abort', done);
          res.off('close', done);
          resolve();
        };
        const timer = setTimeout(done, wait);
        const unsubscribe = onPositioned(options.producer, done);
        options.signal?.addEventListener('abort', done, { once: true });
        // The caller went away (its own timeout, a restart): stop waiting for it.
        res.once('close', done);
      });
      if (!res.destroyed) events = await readLog(options.db, options.producer, after, limit);
    }
    if (res.destroyed) return;
    sendJson(res, 200, { producer: options.producer, events: events.map(toWire) });
  };
}

/** A consumer that pulls one producer's log over HTTP; see startConsumer. */
export interface RunningConsumer {
  /** Lets the event in progress commit, then stops. */
  stop(): Promise<void>;
}

/**
 * Runs a consumer over the producer's HTTP log at `baseUrl`: reads from its stored position,
 * applies each event (position saved in the same transaction), retries failures in place with
 * back-off and dead-letters after maxAttempts. Killed at any point, it resumes without loss.
 */
export function consumeLog(
  options: ConsumerOptions & { baseUrl: string; batchSize?: number; waitMs?: number },
): RunningConsumer {
  const { db, name, producer, logger } = options;
  const maxAttempts = options.maxAttempts ?? 5;
  const baseMs = options.retryDelayMs ?? 200;
  const stopping = new AbortController();
  const signal = stopping.signal;
  const types = new Set(options.types);

  const loop = (async () => {
    let position: number | undefined;
    let failures = 0;
    while (!signal.aborted) {
      try {
        position ??= await storedPosition(db, name, producer);
        const url = `${options.baseUrl}/events?after=${position}&limit=${options.batchSize ?? 500}&wait=${options.waitMs ?? 5_000}`;
        const response = await fetch(url, { signal });
        if (!response.ok)
          throw new Error(`${producer} event log answered ${response.status}: ${await response.text()}`);
        const body = (await response.json()) as { events: WireEvent[] };
        if (failures > 0) logger?.info({ consumer: name, producer }, 'event log reachable again');
        failures = 0;
        const page = body.events.map(fromWire);
        const last = page.at(-1);
        if (!last || signal.aborted) continue;
        const wanted = page.filter((event) => types.has(event.type));
        const apply = { db, name, handle: options.handle, logger, maxAttempts };
        // Catching up, a whole page commits at once; a page with a failing event goes one by one.
        if (await applyBatch(apply, wanted, last)) {
          position = last.position;
          continue;
        }
        for (const event of wanted) {
          if (signal.aborted) break;
          for (let attempt = 1; ; attempt += 1) {
            const outcome = await applyEvent(apply, event, attempt, true);
            if (outcome !== 'failed') break;
            await sleep(retryDelay(attempt, baseMs), signal);
          }
          position = event.position;
        }
        // Events of other types after the last handled one only move the position.
        if (!signal.aborted && position < last.position) {
          await savePosition(db, name, last);
          position = last.position;
        }
      } catch (err) {
        if (signal.aborted) break;
        failures += 1;
        if (failures === 1)
          logger?.warn({ consumer: name, producer, err }, 'reading the event log failed; retrying with back-off');
        // The position is re-read from the database: the failure may have been its transaction.
        position = undefined;
        await sleep(backoffDelayMs(failures, { initialMs: baseMs, maxMs: 10_000 }), signal).catch(() => undefined);
      }
    }
  })();

  return {
    stop: async () => {
      stopping.abort();
      await loop;
    },
  };
}
