import fs from 'node:fs';
import { parse } from 'graphql';
import { sql, type Kysely } from 'kysely';
import type { Logger } from '../../../shared/logger.js';
import type { GraphClient } from '../../../shared/graph-client.js';
import { auditTrailResolvers } from '../../../shared/audit/trail.js';
import { dataQualityResolvers } from '../../../shared/quality.js';
import { campaignsQuality } from './quality.js';
import { createSubgraphApollo } from '../../../shared/server.js';
import { serviceGraphClient } from '../../../shared/service-identity.js';
import { appendEvent, backgroundConsumers, type EventTransport } from '../../../shared/events/index.js';
import { privacyConsumers } from './privacy.js';
import { jobCancelRequested } from './events/published.js';
import { createCartReminderJob } from './cart-reminders.js';
import { createDeliveryJob } from './delivery.js';
import { createMessageSender } from './message-sender.js';
import { readModelConsumers } from './events/consumed.js';
import { createContext, type CampaignsContext } from './context.js';
import type { Resolvers } from './generated/resolvers-types.js';
import { createCampaignsJobRunner, type CampaignsJobDeps, type JobCancelRequestedSink } from './jobs/index.js';
import { allBackground } from '../../../shared/run.js';
import { Job } from './resolvers/Job.js';
import type { CampaignsDatabase } from './db/database.js';
import {
  AttributionReport,
  Audience,
  Campaign,
  CampaignCredit,
  CampaignReturn,
  CampaignSpend,
  Funnel,
} from './resolvers/Campaign.js';
import { Customer } from './resolvers/Customer.js';
import { Mutation } from './resolvers/Mutation.js';
import { Query } from './resolvers/Query.js';
import { QueuedMessage } from './resolvers/QueuedMessage.js';
import { Touchpoint } from './resolvers/Touchpoint.js';
import { DEFAULT_CAMPAIGNS_SETTINGS, type CampaignsSettings } from './settings.js';

export const name = 'campaigns' as const;
export const typeDefs = parse(fs.readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8'));
export const resolvers: Resolvers = {
  Query,
  Mutation,
  Campaign,
  Customer,
  Touchpoint,
  QueuedMessage,
  Audience,
  CampaignCredit,
  CampaignReturn,
  CampaignSpend,
  AttributionReport,
  Funnel,
  Job,
  ...auditTrailResolvers(name),
  ...dataQualityResolvers(name, campaignsQuality),
};

export interface CampaignsDeps {
  db: Kysely<CampaignsDatabase>;
  logger?: Logger;
  settings?: CampaignsSettings;
  /** How this domain queries the graph; defaults to an HTTP client for settings.graphUrl. */
  graph?: GraphClient;
  /** Where JobCancelRequested for another domain's job goes; by default this domain's outbox, in the registry's transaction. */
  onJobCancelRequested?: JobCancelRequestedSink;
  jobTiming?: CampaignsJobDeps['jobTiming'];
  /** Where the read models' events come from; without it no read model is kept (e.g. subgraph tests). */
  events?: EventTransport;
}

export function createServer(deps: CampaignsDeps) {
  const settings = deps.settings ?? DEFAULT_CAMPAIGNS_SETTINGS;
  const graph = deps.graph ?? serviceGraphClient(settings, name, deps.logger);
  const jobs = createCampaignsJobRunner({
    db: deps.db,
    graph,
    settings,
    logger: deps.logger,
    jobTiming: deps.jobTiming,
  });
  return {
    apollo: createSubgraphApollo<CampaignsContext>({ name, typeDefs, resolvers, logger: deps.logger }),
    createContext: () =>
      createContext({
        db: deps.db,
        graph,
        settings,
        jobs,
        onJobCancelRequested:
          deps.onJobCancelRequested ??
          ((trx, event) => appendEvent(trx, jobCancelRequested(event)).then(() => undefined)),
      }),
    isReady: async () => {
      await sql`select 1`.execute(deps.db);
    },
    jobs,
    background: allBackground(
      createCartReminderJob({ db: deps.db, graph, settings: settings.cartReminders, logger: deps.logger }),
      createDeliveryJob({
        db: deps.db,
        graph,
        sender: createMessageSender(settings.delivery.transport),
        settings: settings.delivery,
        logger: deps.logger,
      }),
      ...(deps.events
        ? [
            readModelConsumers({ db: deps.db, events: deps.events, logger: deps.logger }),
            backgroundConsumers({ db: deps.db, events: deps.events, logger: deps.logger }, privacyConsumers()),
          ]
        : []),
      jobs.background,
    ),
  };
}
