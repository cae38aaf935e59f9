// The in-process mesh has no event transport; data-subject requests need one (customers publishes
// the request, every domain answers through its outbox). This serves every domain's outbox as its
// no-broker log, with its relay, and runs each domain's data-subject-request consumers and campaigns'
// read models on it, exactly as `npm start` does.
import type { Kysely } from 'kysely';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../shared/config.js';
import { backgroundConsumers, createEventTransport } from '../../shared/events/index.js';
import { allBackground } from '../../shared/run.js';
import type { TestDatabase } from '../../shared/testing.js';
import { readModelConsumers } from '../../subgraphs/campaigns/src/events/consumed.js';
import { DOMAINS } from '../../subgraphs/registry.js';
import { serveEventLog } from './event-logs.js';

/** Each domain's data-subject-request consumers (customers with the settings the in-process mesh uses). */
export const PRIVACY_CONSUMERS = Object.fromEntries(
  SUBGRAPH_NAMES.map((name) => [name, DOMAINS[name].privacyConsumers]),
) as Record<SubgraphName, () => unknown[]>;

/** Starts the event logs and the privacy (and read-model) consumers of the mesh's databases; close() stops them. */
export async function startPrivacyEvents(databases: Record<SubgraphName, TestDatabase<any>>) {
  const logs = await Promise.all(SUBGRAPH_NAMES.map((name) => serveEventLog(databases[name].db, name)));
  const events = createEventTransport({
    producerUrls: Object.fromEntries(SUBGRAPH_NAMES.map((name, i) => [name, logs[i].url])),
  });
  const db = (name: SubgraphName) => databases[name].db as Kysely<any>;
  const consumers = allBackground(
    ...SUBGRAPH_NAMES.map((name) =>
      backgroundConsumers({ db: db(name), events }, PRIVACY_CONSUMERS[name]() as never[]),
    ),
    readModelConsumers({ db: db('campaigns'), events }),
  );
  consumers.start();
  return {
    close: async () => {
      await consumers.stop();
      for (const log of logs) await log.close();
    },
  };
}
