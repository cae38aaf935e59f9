// The domain-event backbone (see docs/events.md): contracts, the transactional outbox and its
// relay, and consumers that run unchanged over NATS JetStream or, with no broker, over each
// producer's HTTP log.
import type { Kysely } from 'kysely';
import type { Logger } from '../logger.js';
import type { ConsumerOptions } from './consumer.js';
import { consumeLog, type RunningConsumer } from './log-transport.js';
import { connectNatsEvents } from './nats-transport.js';
import type { EventPublisher } from './outbox.js';

export {
  defineEvent,
  eventTimestamp,
  findContract,
  contractJsonSchema,
  type DomainEvent,
  type EventContract,
  type PayloadOf,
} from './contract.js';
export {
  appendEvent,
  appendEvents,
  startRelay,
  type EventPublisher,
  type EventTables,
  type NewEvent,
  type Relay,
} from './outbox.js';
export { storedPosition, type ConsumerOptions, type EventHandler } from './consumer.js';
export { eventLogRoute, type RunningConsumer } from './log-transport.js';

/** How events travel between processes: NATS JetStream, or each producer's HTTP log. */
export interface EventTransport {
  readonly kind: 'nats' | 'log';
  /** The relay's broker for `producer`; undefined without a broker (the outbox log is the publication). */
  publisher(producer: string): EventPublisher | undefined;
  /** Runs a consumer until stopped; see startConsumer. */
  consume(options: ConsumerOptions): RunningConsumer;
  close(): Promise<void>;
}

export interface TransportOptions {
  /** NATS server URL(s), comma-separated; when absent, the no-broker log transport is used. */
  natsUrl?: string;
  /** Base URL (`http://127.0.0.1:4002`) of each producer's log, for the no-broker transport. */
  producerUrls?: Record<string, string>;
  logger?: Logger;
  /** The connection name NATS shows (e.g. the service). */
  name?: string;
  /** NATS only: how long a delivered event may stay unacknowledged before redelivery (default 30 s). */
  ackWaitMs?: number;
}

/** The transport configured for this process: NATS when `natsUrl` is set, the producers' HTTP logs otherwise. */
export function createEventTransport(options: TransportOptions): EventTransport {
  if (options.natsUrl) {
    const nats = connectNatsEvents({ servers: options.natsUrl, logger: options.logger, name: options.name });
    return {
      kind: 'nats',
      publisher: (producer) => nats.publisher(producer),
      consume: (consumer) => nats.consume({ ...consumer, ackWaitMs: options.ackWaitMs }),
      close: () => nats.close(),
    };
  }
  return {
    kind: 'log',
    publisher: () => undefined,
    consume: (consumer) => {
      const baseUrl = options.producerUrls?.[consumer.producer];
      if (!baseUrl) throw new Error(`No event log URL for producer ${consumer.producer}`);
      return consumeLog({ ...consumer, baseUrl });
    },
    close: async () => {},
  };
}

/**
 * Starts a consumer of `producer`'s events of `types`: `handle(trx, event)` runs in one
 * transaction with the processed_events row (at-least-once delivery, applied once); a new
 * consumer replays the producer's whole log first (backfill); failures retry with back-off and
 * go to dead_letters after `maxAttempts`.
 */
export function startConsumer<DB>(options: ConsumerOptions<DB> & { transport: EventTransport }): RunningConsumer {
  const { transport, ...consumer } = options;
  return transport.consume(consumer as ConsumerOptions);
}

/** The consumers a service runs while it runs: started with the service's background work, stopped (drained) before its database closes. */
export function backgroundConsumers<DB>(
  deps: { db: Kysely<DB>; events: EventTransport; logger?: Logger },
  consumers: readonly Pick<ConsumerOptions<DB>, 'name' | 'producer' | 'types' | 'handle' | 'maxAttempts'>[],
): { start(): void; stop(): Promise<void> } {
  let running: RunningConsumer[] = [];
  return {
    start() {
      running = consumers.map((consumer) =>
        startConsumer<DB>({ ...consumer, transport: deps.events, db: deps.db, logger: deps.logger }),
      );
    },
    async stop() {
      await Promise.all(running.map((consumer) => consumer.stop()));
      running = [];
    },
  };
}
