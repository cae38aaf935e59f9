// The domains of the mesh, one entry each: what tooling and tests need from a domain's code (its
// server factory and resolvers, migrations, data-subject-request consumers, event contracts and
// retention policies). Scripts and test helpers read this instead of importing every domain, so a new
// domain is one entry here (`npm run new:subgraph` writes it between the markers). Service code never
// imports this file: a domain stays free of the others (test/boundaries.test.ts).
import type { Migration } from 'kysely';
import type { SubgraphName } from '../shared/config.js';
import type { EventContract } from '../shared/events/index.js';
import type { RetentionPolicy } from '../shared/retention.js';
import { DEFAULT_CUSTOMERS_SETTINGS } from './customers/src/settings.js';
// new:subgraph imports (one block per domain; keep this marker)
import * as campaignsServer from './campaigns/src/server.js';
import { migrations as campaignsMigrations } from './campaigns/src/db/migrations/index.js';
import { contracts as campaignsContracts } from './campaigns/src/events/published.js';
import { privacyConsumers as campaignsPrivacy } from './campaigns/src/privacy.js';
import { campaignsRetention } from './campaigns/src/retention.js';
import * as customersServer from './customers/src/server.js';
import { migrations as customersMigrations } from './customers/src/db/migrations/index.js';
import { contracts as customersContracts } from './customers/src/events/published.js';
import { privacyConsumers as customersPrivacy } from './customers/src/privacy.js';
import * as inventoryServer from './inventory/src/server.js';
import { migrations as inventoryMigrations } from './inventory/src/db/migrations/index.js';
import { contracts as inventoryContracts } from './inventory/src/events/published.js';
import { privacyConsumers as inventoryPrivacy } from './inventory/src/privacy.js';
import * as ordersServer from './orders/src/server.js';
import { migrations as ordersMigrations } from './orders/src/db/migrations/index.js';
import { contracts as ordersContracts } from './orders/src/events/published.js';
import { privacyConsumers as ordersPrivacy } from './orders/src/privacy.js';
import { ordersRetention } from './orders/src/retention.js';

import * as reviewsServer from './reviews/src/server.js';
import { migrations as reviewsMigrations } from './reviews/src/db/migrations/index.js';
import { contracts as reviewsContracts } from './reviews/src/events/published.js';
import { privacyConsumers as reviewsPrivacy } from './reviews/src/privacy.js';

/** What the tooling needs from one domain. */
export interface DomainModule {
  /** The domain's server factory (its own deps type; callers pass what the service's index.ts passes). */
  createServer: (deps: never) => unknown;
  /** The resolvers map (schema lint checks entities resolve through a loader). */
  resolvers: object;
  migrations: Record<string, Migration>;
  /** Its data-subject-request consumers (customers with the default settings). */
  privacyConsumers: () => unknown[];
  /** Every event contract it publishes (`npm run events`). */
  contracts: EventContract[];
  /** The domain's own retention policies, beside the shared ones. */
  retention: RetentionPolicy[];
}

export const DOMAINS: Record<SubgraphName, DomainModule> = {
  customers: {
    createServer: customersServer.createServer,
    resolvers: customersServer.resolvers,
    migrations: customersMigrations,
    privacyConsumers: () => customersPrivacy(DEFAULT_CUSTOMERS_SETTINGS),
    contracts: customersContracts,
    retention: [],
  },
  orders: {
    createServer: ordersServer.createServer,
    resolvers: ordersServer.resolvers,
    migrations: ordersMigrations,
    privacyConsumers: ordersPrivacy,
    contracts: ordersContracts,
    retention: ordersRetention,
  },
  inventory: {
    createServer: inventoryServer.createServer,
    resolvers: inventoryServer.resolvers,
    migrations: inventoryMigrations,
    privacyConsumers: inventoryPrivacy,
    contracts: inventoryContracts,
    retention: [],
  },
  campaigns: {
    createServer: campaignsServer.createServer,
    resolvers: campaignsServer.resolvers,
    migrations: campaignsMigrations,
    privacyConsumers: campaignsPrivacy,
    contracts: campaignsContracts,
    retention: campaignsRetention,
  },
  reviews: {
    createServer: reviewsServer.createServer,
    resolvers: reviewsServer.resolvers,
    migrations: reviewsMigrations,
    privacyConsumers: reviewsPrivacy,
    contracts: reviewsContracts,
    retention: [],
  },
  // new:subgraph entries (keep this marker)
};
