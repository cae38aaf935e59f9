// NATS JetStream transport (when NATS_URL is set): a stream per producing domain (MESH_<DOMAIN>,
// subjects `<domain>.events.<Type>`), the relay publishes each event with msgID = event id
// (Nats-Msg-Id de-duplication), consumers are durable pull consumers that ack after their
// handler's transaction commits.
import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  StorageType,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { connect, nanos, type NatsConnection } from '@nats-io/transport-node';
import { backoffDelayMs, sleep } from '../backoff.js';
import type { Logger } from '../logger.js';
import { fromWire, toWire, type DomainEvent, type WireEvent } from './contract.js';
import { applyEvent, retryDelay, type ConsumerOptions } from './consumer.js';
import type { RunningConsumer } from './log-transport.js';
import type { EventPublisher } from './outbox.js';

/** The stream that holds one producer's events. */
export const streamName = (producer: string) => `MESH_${producer.toUpperCase().replace(/[^A-Z0-9_-]/g, '_')}`;
/** The subject of one event. */
export const eventSubject = (producer: string, type: string) => `${producer}.events.${type}`;

export interface NatsEvents {
  /** The relay's publisher for `producer`. */
  publisher(producer: string): EventPublisher;
  /** Runs a durable pull consumer; see startConsumer. */
  consume(options: ConsumerOptions & { ackWaitMs?: number }): RunningConsumer;
  /** Drains the connection (consumers should be stopped first). */
  close(): Promise<void>;
}

/**
 * Connects to NATS in the background: a server that is down at start or goes away later is
 * retried for ever with back-off (the relay keeps events in the outbox meanwhile).
 */
export function connectNatsEvents(options: { servers: string; logger?: Logger; name?: string }): NatsEvents {
  const { logger } = options;
  const connection: Promise<NatsConnection> = connect({
    servers: options.servers.split(',').map((server) => server.trim()),
    name: options.name,
    waitOnFirstConnect: true,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 1_000,
  });
  connection
    .then(async (nc) => {
      logger?.info({ server: nc.getServer() }, 'connected to NATS');
      for await (const status of nc.status()) {
        if (status.type === 'disconnect' || status.type === 'reconnect')
          logger?.warn({ status: status.type, server: status.server }, `NATS ${status.type}`);
      }
    })
    .catch((err) => logger?.error({ err }, 'NATS connection ended'));
  const streams = new Map<string, Promise<JetStreamManager>>();

  // Created once per producer per process; re-created after a failure (e.g. NATS was down).
  function ensureStream(producer: string): Promise<JetStreamManager> {
    let ready = streams.get(producer);
    if (!ready) {
      ready = (async () => {
        const jsm = await jetstreamManager(await connection);
        // Adding an existing stream with the same configuration succeeds, so every process may do it.
        await jsm.streams.add({
          name: streamName(producer),
          subjects: [`${producer}.events.>`],
          storage: StorageType.File,
          duplicate_window: nanos(120_000),
        });
        return jsm;
      })();
      ready.catch(() => streams.delete(producer));
      streams.set(producer, ready);
    }
    return ready;
  }

  return {
    publisher: (producer) => ({
      publish: async (event: DomainEvent) => {
        await ensureStream(producer);
        const js = jetstream(await connection);
        await js.publish(eventSubject(producer, event.type), JSON.stringify(toWire(event)), {
          msgID: event.id,
          timeout: 5_000,
        });
      },
    }),

    consume: (consumer) => {
      const { db, name, producer, logger: log = logger } = consumer;
      const maxAttempts = consumer.maxAttempts ?? 5;
      const baseMs = consumer.retryDelayMs ?? 200;
      const types = new Set(consumer.types);
      let stopped = false;
      let current: { stop(): void } | undefined;
      const loop = (async () => {
        let failures = 0;
        while (!stopped) {
          try {
            const jsm = await ensureStream(producer);
            await jsm.consumers.add(streamName(producer), {
              durable_name: name,
              ack_policy: AckPolicy.Explicit,
              // A new consumer backfills: it starts at the first event the stream holds.
              deliver_policy: DeliverPolicy.All,
              filter_subject: `${producer}.events.>`,
              ack_wait: nanos(consumer.ackWaitMs ?? 30_000),
              // Attempts are counted here, so the last one can dead-letter in the consumer's database.
              max_deliver: -1,
            });
            const js = jetstream(await connection);
            const messages = await (await js.consumers.get(streamName(producer), name)).consume({ max_messages: 100 });
            current = messages;
            if (stopped) messages.stop();
            if (failures > 0) log?.info({ consumer: name, producer }, 'consuming from NATS again');
            failures = 0;
            for await (const message of messages) {
              const event = fromWire(message.json<WireEvent>());
              if (!types.has(event.type)) {
                message.ack();
                continue;
              }
              const attempt = message.info.deliveryCount;
              const outcome = await applyEvent(
                { db, name, handle: consumer.handle, logger: log, maxAttempts },
                event,
                attempt,
                true,
              );
              // Acked only now that the handler's transaction committed; a crash before this
              // redelivers, and processed_events turns the redelivery into a no-op.
              if (outcome === 'failed') message.nak(retryDelay(attempt, baseMs));
              else message.ack();
              if (stopped) break;
            }
          } catch (err) {
            if (stopped) break;
            failures += 1;
            if (failures === 1)
              log?.warn({ consumer: name, producer, err }, 'NATS consumer failed; retrying with back-off');
            await sleep(backoffDelayMs(failures, { initialMs: 500, maxMs: 10_000 }));
          } finally {
            current?.stop();
            current = undefined;
          }
        }
      })();
      return {
        stop: async () => {
          stopped = true;
          current?.stop();
          await loop;
        },
      };
    },

    close: async () => {
      const nc = await Promise.race([connection, sleep(0).then(() => undefined)]);
      if (nc && !nc.isClosed()) await nc.drain();
      else connection.then((late) => late.close()).catch(() => undefined);
    },
  };
}
