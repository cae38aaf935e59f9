import DataLoader from 'dataloader';
import type { Kysely } from 'kysely';
import { toConnection, type Connection } from '../../../shared/pagination.js';
import { findCampaignsByIds, findPromotedSkus, rowToCampaign, type Campaign } from './db/campaign.repository.js';
import type { CampaignsDatabase } from './db/database.js';
import {
  findTouchpointPages,
  findTouchpointsByIds,
  rowToTouchpoint,
  type Touchpoint,
  type TouchpointOwner,
} from './db/touchpoint.repository.js';
import type { TouchpointRow } from './db/touchpoint.table.js';
import { findVariants, rowToVariant, type CampaignVariant } from './db/variant.repository.js';
import { findAudienceRules, listAudienceVersions, rowToAudienceRule } from './db/audience.repository.js';
import type { AudienceRule } from './db/audience.table.js';
import { timeKeyParts, type TimeKey } from '../../../shared/pagination.js';
import { measureBatches } from '../../../shared/metrics.js';
import { isJobId } from '../../../shared/jobs/graphql.js';
import { findRegistryJobs } from './db/job-registry.repository.js';
import type { JobRegistryRow } from './db/job-registry.table.js';

// Every batch's size goes to /metrics (mesh360_dataloader_batch_size): batches of one mean N+1.
const measured = measureBatches('campaigns');

/** One page of one owner's touchpoints: `first` is already validated, `after` already decoded. */
export interface TouchpointPageKey {
  ownerId: string;
  first: number;
  after?: TimeKey;
}

export interface CampaignsLoaders {
  campaignById: DataLoader<string, Campaign | null>;
  promotedSkusByCampaignId: DataLoader<string, string[]>;
  touchpointsByCampaignId: DataLoader<TouchpointPageKey, Connection<Touchpoint>, string>;
  touchpointsByCustomerId: DataLoader<TouchpointPageKey, Connection<Touchpoint>, string>;
  touchpointById: DataLoader<string, Touchpoint | null>;
  variantsByCampaignId: DataLoader<string, CampaignVariant[]>;
  audienceRuleByCampaignId: DataLoader<string, AudienceRule | null>;
  audienceVersionsByCampaignId: DataLoader<string, { version: number; size: number; computedAt: Date }[]>;
  /** Registry rows of any domain's jobs; access is checked by the caller, per job. */
  registryJobById: DataLoader<string, JobRegistryRow | null>;
}

/** Per-request loaders: one statement per entity type and field, whatever the number of keys. */
export function createLoaders(db: Kysely<CampaignsDatabase>): CampaignsLoaders {
  return {
    campaignById: new DataLoader(
      measured('campaignById', async (ids) => {
        const rows = await findCampaignsByIds(db, ids);
        const byId = new Map(rows.map((row) => [row.id, rowToCampaign(row)]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
    ),
    promotedSkusByCampaignId: new DataLoader(
      measured('promotedSkusByCampaignId', async (ids) => {
        const byCampaign = await findPromotedSkus(db, ids);
        return ids.map((id) => byCampaign.get(id) ?? []);
      }),
    ),
    touchpointsByCampaignId: touchpointPageLoader(db, 'campaign_id'),
    touchpointsByCustomerId: touchpointPageLoader(db, 'customer_id'),
    variantsByCampaignId: new DataLoader(
      measured('variantsByCampaignId', async (ids) => {
        const rows = await findVariants(db, ids);
        return ids.map((id) => rows.filter((row) => row.campaign_id === id).map(rowToVariant));
      }),
    ),
    audienceRuleByCampaignId: new DataLoader(
      measured('audienceRuleByCampaignId', async (ids) => {
        const byId = new Map(
          (await findAudienceRules(db, ids)).map((row) => [row.campaign_id, rowToAudienceRule(row)]),
        );
        return ids.map((id) => byId.get(id) ?? null);
      }),
    ),
    audienceVersionsByCampaignId: new DataLoader(
      measured('audienceVersionsByCampaignId', async (ids) => {
        const rows = await listAudienceVersions(db, ids);
        return ids.map((id) =>
          rows
            .filter((row) => row.campaign_id === id)
            .map((row) => ({ version: row.version, size: row.size, computedAt: row.computed_at })),
        );
      }),
    ),
    registryJobById: new DataLoader(
      measured('registryJobById', async (ids) => {
        const rows = await findRegistryJobs(db, ids.filter(isJobId));
        const byId = new Map(rows.map((row) => [row.id, row]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
    ),
    touchpointById: new DataLoader(
      measured('touchpointById', async (ids) => {
        const rows = await findTouchpointsByIds(db, ids);
        const byId = new Map(rows.map((row) => [row.id, rowToTouchpoint(row)]));
        return ids.map((id) => byId.get(id) ?? null);
      }),
    ),
  };
}

/**
 * Pages of touchpoints for many owners. Keys that ask for the same page (same first and after)
 * share one statement; a request normally has one such group per field, so a gateway query costs
 * one statement per connection field whatever the number of parents.
 */
function touchpointPageLoader(
  db: Kysely<CampaignsDatabase>,
  owner: TouchpointOwner,
): DataLoader<TouchpointPageKey, Connection<Touchpoint>, string> {
  const ownerOf = (row: TouchpointRow) => (owner === 'campaign_id' ? row.campaign_id : row.customer_id);
  return new DataLoader(
    measured(owner === 'campaign_id' ? 'touchpointsByCampaignId' : 'touchpointsByCustomerId', async (keys) => {
      const groups = new Map<string, TouchpointPageKey[]>();
      for (const key of keys) {
        const args = pageArgs(key);
        const group = groups.get(args) ?? [];
        group.push(key);
        groups.set(args, group);
      }
      const pages = new Map<string, Connection<Touchpoint>>();
      await Promise.all(
        [...groups.values()].map(async (group) => {
          const { first, after } = group[0];
          // first + 1 rows per owner: the extra one only says whether another page exists.
          const rows = await findTouchpointPages(
            db,
            owner,
            [...new Set(group.map((key) => key.ownerId))],
            first + 1,
            after,
          );
          const byOwner = new Map<string, TouchpointRow[]>();
          for (const row of rows) {
            const ownerRows = byOwner.get(ownerOf(row)) ?? [];
            ownerRows.push(row);
            byOwner.set(ownerOf(row), ownerRows);
          }
          for (const key of group) {
            const ownerRows = byOwner.get(key.ownerId) ?? [];
            pages.set(
              pageKey(key),
              toConnection(ownerRows, first, (row) => timeKeyParts(row.occurred_at, row.id), rowToTouchpoint),
            );
          }
        }),
      );
      return keys.map((key) => pages.get(pageKey(key))!);
    }),
    { cacheKeyFn: pageKey },
  );
}

function pageArgs(key: TouchpointPageKey): string {
  return JSON.stringify([key.first, key.after ? timeKeyParts(key.after.at, key.after.id) : null]);
}

function pageKey(key: TouchpointPageKey): string {
  return JSON.stringify([key.ownerId, pageArgs(key)]);
}
