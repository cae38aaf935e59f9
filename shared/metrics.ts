// Prometheus metrics of one process, served at /metrics. Labels stay bounded: subgraph, loader,
// schema and operation names only, never ids or variables.
import type { BatchLoadFn } from 'dataloader';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** This process's registry: Node's process metrics (CPU, memory, event-loop lag, GC) and the mesh's own. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

// Created on first use, so a process exports only the metrics it records (the gateway has no SQL).
function lazy<T>(create: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= create());
}

/** One GraphQL request served by a subgraph, by the client operation the gateway was running. */
export const subgraphRequestDuration = lazy(
  () =>
    new Histogram({
      name: 'mesh360_subgraph_request_duration_seconds',
      help: 'Time a subgraph took to answer one GraphQL request, by operation and HTTP status',
      labelNames: ['subgraph', 'operation', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [metricsRegistry],
    }),
);

/** GraphQL errors a subgraph answered with, by stable error code. */
export const subgraphErrors = lazy(
  () =>
    new Counter({
      name: 'mesh360_subgraph_errors_total',
      help: 'GraphQL errors returned by a subgraph, by operation and error code',
      labelNames: ['subgraph', 'operation', 'code'] as const,
      registers: [metricsRegistry],
    }),
);

const dataLoaderBatchSize = lazy(
  () =>
    new Histogram({
      name: 'mesh360_dataloader_batch_size',
      help: 'Keys per DataLoader batch; mostly 1 means batching is not happening',
      labelNames: ['subgraph', 'loader'] as const,
      buckets: [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000],
      registers: [metricsRegistry],
    }),
);

/**
 * Returns a wrapper for one domain's DataLoader batch functions that observes every batch's size
 * in `mesh360_dataloader_batch_size{subgraph, loader}`: `new DataLoader(measured('byId', fn))`.
 */
export function measureBatches(subgraph: string) {
  return <K, V>(loader: string, batch: BatchLoadFn<K, V>): BatchLoadFn<K, V> =>
    (keys) => {
      dataLoaderBatchSize().observe({ subgraph, loader }, keys.length);
      return batch(keys);
    };
}

const queryPlanningDuration = lazy(
  () =>
    new Histogram({
      name: 'mesh360_gateway_query_planning_duration_seconds',
      help: 'Time the query planner took to plan one operation (plans are cached per document: each one is a cache miss), by outcome',
      labelNames: ['outcome'] as const,
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
      registers: [metricsRegistry],
    }),
);

/** Records how long planning one operation took (the gateway's query planner). */
export function observeQueryPlanning(outcome: 'ok' | 'error', seconds: number): void {
  queryPlanningDuration().observe({ outcome }, seconds);
}

const sqlQueryDuration = lazy(
  () =>
    new Histogram({
      name: 'mesh360_sql_query_duration_seconds',
      help: 'Time one SQL statement took, by database schema and outcome',
      labelNames: ['schema', 'outcome'] as const,
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10],
      registers: [metricsRegistry],
    }),
);

/** Records one statement's duration (a Kysely log event). */
export function observeSqlQuery(schema: string, outcome: 'ok' | 'error', durationMs: number): void {
  sqlQueryDuration().observe({ schema, outcome }, durationMs / 1000);
}

/** The counters of a pg.Pool that say whether it is too small. */
export interface PoolCounts {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
  readonly ended: boolean;
}

const watchedPools = new Map<string, PoolCounts>();

function poolGauge(name: string, help: string, read: (pool: PoolCounts) => number) {
  return new Gauge({
    name,
    help,
    labelNames: ['schema'] as const,
    registers: [metricsRegistry],
    // Read at scrape time, so the value is never stale and nothing runs between scrapes.
    collect() {
      this.reset();
      for (const [schema, pool] of watchedPools) {
        if (pool.ended) watchedPools.delete(schema);
        else this.set({ schema }, read(pool));
      }
    },
  });
}

const poolGauges = lazy(() => [
  poolGauge(
    'mesh360_db_pool_connections',
    'Connections the Postgres pool holds (idle and in use)',
    (pool) => pool.totalCount,
  ),
  poolGauge(
    'mesh360_db_pool_idle_connections',
    'Connections of the Postgres pool not in use',
    (pool) => pool.idleCount,
  ),
  poolGauge(
    'mesh360_db_pool_waiting_requests',
    'Requests waiting for a free Postgres connection',
    (pool) => pool.waitingCount,
  ),
]);

/** Reports a Postgres pool's size, idle connections and waiting requests until it ends. */
export function watchPool(schema: string, pool: PoolCounts): void {
  poolGauges();
  watchedPools.set(schema, pool);
}

/** The exposition text of the given registries, merged. */
export async function metricsText(
  registries: Registry[] = [metricsRegistry],
): Promise<{ contentType: string; body: string }> {
  const registry = registries.length === 1 ? registries[0] : Registry.merge(registries);
  return { contentType: registry.contentType, body: await registry.metrics() };
}

const eventLabels = ['consumer', 'producer', 'type'] as const;
const eventCounter = (name: string, help: string) =>
  lazy(() => new Counter({ name, help, labelNames: eventLabels, registers: [metricsRegistry] }));

/** Events a producer's relay made available to consumers (positioned in its log, or acknowledged by NATS). */
export const eventsPublished = lazy(
  () =>
    new Counter({
      name: 'mesh360_events_published_total',
      help: 'Domain events published by the outbox relay, by producer and type',
      labelNames: ['producer', 'type'] as const,
      registers: [metricsRegistry],
    }),
);

/** Events a consumer applied (its handler's transaction committed). */
export const eventsConsumed = eventCounter('mesh360_events_consumed_total', 'Domain events applied by a consumer');

/** Handler attempts that failed (the event is retried, then dead-lettered). */
export const eventsFailed = eventCounter(
  'mesh360_events_failed_total',
  'Failed attempts of a consumer to apply a domain event',
);

/** Events a consumer gave up on and wrote to dead_letters. */
export const eventsDeadLettered = eventCounter(
  'mesh360_events_dead_lettered_total',
  'Domain events moved to dead_letters after their last attempt',
);

/** Time from an event's commit in the producer's outbox to its application by a consumer. */
export const eventConsumerLag = lazy(
  () =>
    new Histogram({
      name: 'mesh360_event_consumer_lag_seconds',
      help: "Seconds from an event's outbox write to a consumer applying it",
      labelNames: ['consumer', 'producer'] as const,
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers: [metricsRegistry],
    }),
);

const jobTransitions = lazy(
  () =>
    new Counter({
      name: 'mesh360_jobs_total',
      help: 'Jobs that reached a status (QUEUED when started, RUNNING when claimed, then how they ended), by domain and kind',
      labelNames: ['domain', 'kind', 'status'] as const,
      registers: [metricsRegistry],
    }),
);

const jobsRunning = lazy(
  () =>
    new Gauge({
      name: 'mesh360_jobs_running',
      help: 'Jobs this process is running now, by domain and kind',
      labelNames: ['domain', 'kind'] as const,
      registers: [metricsRegistry],
    }),
);

const jobDuration = lazy(
  () =>
    new Histogram({
      name: 'mesh360_job_duration_seconds',
      help: 'Time one job run took in this process, from claim to its end, by domain, kind and outcome',
      labelNames: ['domain', 'kind', 'status'] as const,
      buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800],
      registers: [metricsRegistry],
    }),
);

/** Counts a job reaching a status. */
export function observeJobStatus(domain: string, kind: string, status: string): void {
  jobTransitions().inc({ domain, kind, status });
}

/** Tracks one job run in this process: call at claim, then call the returned function with how it ended. */
export function observeJobRun(domain: string, kind: string): (status: string) => void {
  const started = performance.now();
  jobsRunning().inc({ domain, kind });
  return (status) => {
    jobsRunning().dec({ domain, kind });
    jobDuration().observe({ domain, kind, status }, (performance.now() - started) / 1000);
  };
}

/** Queued messages a delivery worker finished an attempt on, by channel, sender (smtp, eml) and outcome. */
export const messageDeliveries = lazy(
  () =>
    new Counter({
      name: 'mesh360_message_deliveries_total',
      help: 'Delivery attempts of queued messages by outcome: sent, retried (failed, will retry), failed (given up), cancelled (not contactable at send time)',
      labelNames: ['channel', 'sender', 'outcome'] as const,
      registers: [metricsRegistry],
    }),
);
