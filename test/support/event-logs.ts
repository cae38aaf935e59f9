// The no-broker event transport in tests: a producer's outbox served as its event log over HTTP on
// port 0, with its relay, so consumers read it exactly as they do under `npm start`.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Kysely } from 'kysely';
import { eventLogRoute, startRelay, storedPosition, type Relay } from '../../shared/events/index.js';

/** Serves `producer`'s log from its database and runs its relay; close() stops both. */
export async function serveEventLog(db: Kysely<any>, producer: string) {
  const stop = new AbortController();
  const route = eventLogRoute({ db, producer, signal: stop.signal });
  const server = http.createServer((req, res) => void route(req, res, new URL(req.url ?? '/', 'http://localhost')));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const relay: Relay = startRelay({ db, producer });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      stop.abort();
      await relay.stop();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Polls `check` until it holds, failing after `timeoutMs`. */
export async function until(check: () => Promise<boolean>, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Whether `consumer` (in `consumerDb`) has applied everything `producerDb`'s outbox committed. */
export async function caughtUp(
  consumerDb: Kysely<any>,
  consumer: string,
  producer: string,
  producerDb: Kysely<any>,
): Promise<boolean> {
  const { last, pending } = await producerDb
    .selectFrom('outbox')
    .select((eb) => [
      eb.fn.max('position').as('last'),
      eb.fn.countAll().filterWhere('position', 'is', null).as('pending'),
    ])
    .executeTakeFirstOrThrow();
  return (
    Number(pending) === 0 && last !== null && (await storedPosition(consumerDb, consumer, producer)) >= Number(last)
  );
}
