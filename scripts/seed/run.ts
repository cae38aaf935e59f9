// Seeds each domain's database with its share of the demo world, through that database only.
import { sql, type Kysely, type Migration } from 'kysely';
import { loadSubgraphConfig, SUBGRAPH_NAMES, type SubgraphName } from '../../shared/config.js';
import { type AnyDatabase, createDatabase, quoteIdent } from '../../shared/db.js';
import { migrateToLatest } from '../../shared/migrate.js';
import { DOMAINS } from '../../subgraphs/registry.js';
import { seedCampaigns } from './campaigns.js';
import { seedCustomers } from './customers.js';
import { seedInventory } from './inventory.js';
import { seedOrders } from './orders.js';
import { seedReviews } from './reviews.js';
// new:subgraph seeder imports (keep this marker)
import type { DemoWorld } from './world.js';

interface DomainSeeder {
  migrations: Record<string, Migration>;
  /** The table whose rows mean "this domain already holds data". */
  mainTable: string;
  seed(db: Kysely<AnyDatabase>, world: DemoWorld, progress: (done: number, total: number) => void): Promise<void>;
}

export const SEEDERS: Record<SubgraphName, DomainSeeder> = {
  customers: { migrations: DOMAINS.customers.migrations, mainTable: 'customers', seed: seedCustomers },
  orders: { migrations: DOMAINS.orders.migrations, mainTable: 'orders', seed: seedOrders },
  inventory: { migrations: DOMAINS.inventory.migrations, mainTable: 'products', seed: seedInventory },
  campaigns: { migrations: DOMAINS.campaigns.migrations, mainTable: 'campaigns', seed: seedCampaigns },
  reviews: { migrations: DOMAINS.reviews.migrations, mainTable: 'reviews', seed: seedReviews },
  // new:subgraph seeders (keep this marker)
};

export interface SeedOptions {
  world: DemoWorld;
  domains?: readonly SubgraphName[];
  /** Drop the domain's schema first. */
  reset?: boolean;
  /** Leave a domain alone when it already holds data (what `npm start` does); otherwise that is an error. */
  skipIfPresent?: boolean;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
}

/** Migrates and seeds the chosen domains one after the other; returns the domains it seeded. */
export async function seedDomains(options: SeedOptions): Promise<SubgraphName[]> {
  const log = options.log ?? ((line: string) => console.log(line));
  const seeded: SubgraphName[] = [];
  for (const name of options.domains ?? SUBGRAPH_NAMES) {
    const config = loadSubgraphConfig(name, options.env ?? process.env);
    const seeder = SEEDERS[name];
    const db = await createDatabase<AnyDatabase>({
      url: config.databaseUrl,
      dataDir: config.dataDir,
      schema: config.dbSchema,
    });
    try {
      if (options.reset) {
        await sql
          .raw(
            `drop schema if exists ${quoteIdent(config.dbSchema)} cascade; create schema ${quoteIdent(config.dbSchema)}`,
          )
          .execute(db);
      }
      await migrateToLatest(db, seeder.migrations, config.dbSchema);
      const existing = await db
        .selectFrom(seeder.mainTable)
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow();
      if (existing.n > 0) {
        if (options.skipIfPresent) continue;
        throw new Error(
          `The ${name} database already holds data (${existing.n} rows in ${seeder.mainTable}); pass --reset to replace it.`,
        );
      }
      const started = Date.now();
      let lastReport = 0;
      await seeder.seed(db, options.world, (done, total) => {
        const now = Date.now();
        if (done === total || now - lastReport > 2000) {
          lastReport = now;
          log(
            `  ${name}: ${done.toLocaleString('en')}/${total.toLocaleString('en')} (${Math.round((done / Math.max(total, 1)) * 100)}%)`,
          );
        }
      });
      log(
        `  ${name}: seeded in ${((Date.now() - started) / 1000).toFixed(1)}s (${config.databaseUrl ? 'postgres' : `pglite ${config.dataDir}`})`,
      );
      seeded.push(name);
    } finally {
      await db.destroy();
    }
  }
  return seeded;
}
