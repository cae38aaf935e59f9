import { pageSize } from '../../../../shared/pagination.js';
import type { Campaign as CampaignModel } from '../db/campaign.repository.js';
import type { CampaignsContext } from '../context.js';
import { audienceMembers, compareAudiences } from '../audiences.js';
import { findAudience } from '../db/audience.repository.js';
import type { AudienceRow } from '../db/audience.table.js';
import { experimentResult, variantFor } from '../experiments.js';
import { normalizeCustomerId } from '../touchpoints.js';
import { attributionReturns, type AttributedReport } from '../spend.js';
import { funnel, type FunnelArgs } from '../funnel.js';
import { decodeTimeKey } from '../../../../shared/pagination.js';

export const Campaign = {
  __resolveReference: ({ id }: { id: string }, { loaders }: CampaignsContext) => loaders.campaignById.load(id),

  // The inventory subgraph reads this through @requires(fields: "promotedSkus") for promotableProducts.
  promotedSkus: ({ id }: CampaignModel, _: unknown, { loaders }: CampaignsContext) =>
    loaders.promotedSkusByCampaignId.load(id),

  promotedProducts: async ({ id }: CampaignModel, _: unknown, { loaders }: CampaignsContext) => {
    const skus = await loaders.promotedSkusByCampaignId.load(id);
    return skus.map((sku) => ({ __typename: 'Product' as const, sku }));
  },

  touchpoints: (
    { id }: CampaignModel,
    { first, after }: { first?: number | null; after?: string | null },
    { loaders }: CampaignsContext,
  ) => loaders.touchpointsByCampaignId.load({ ownerId: id, first: pageSize(first), after: decodeTimeKey(after) }),

  variants: ({ id }: CampaignModel, _: unknown, { loaders }: CampaignsContext) => loaders.variantsByCampaignId.load(id),

  variantFor: async (
    { id }: CampaignModel,
    { customerId }: { customerId: string },
    { db, loaders }: CampaignsContext,
  ) => variantFor(db, id, await loaders.variantsByCampaignId.load(id), normalizeCustomerId(customerId)),

  experiment: async (
    { id }: CampaignModel,
    { conversionWindowDays }: { conversionWindowDays?: number | null },
    { db, graph, loaders }: CampaignsContext,
  ) => experimentResult(db, graph, id, await loaders.variantsByCampaignId.load(id), conversionWindowDays),

  funnel: ({ id }: CampaignModel, args: Omit<FunnelArgs, 'campaignId'>, { db }: CampaignsContext) =>
    funnel(db, { ...args, campaignId: id }),

  audienceRule: ({ id }: CampaignModel, _: unknown, { loaders }: CampaignsContext) =>
    loaders.audienceRuleByCampaignId.load(id),

  audience: async ({ id }: CampaignModel, { version }: { version?: number | null }, { db }: CampaignsContext) => {
    const row = await findAudience(db, id, version ?? undefined);
    return row ? rowToAudience(row) : null;
  },

  audienceVersions: ({ id }: CampaignModel, _: unknown, { loaders }: CampaignsContext) =>
    loaders.audienceVersionsByCampaignId.load(id),

  audienceComparison: (
    { id }: CampaignModel,
    args: { from: number; to: number; sample?: number | null },
    { db }: CampaignsContext,
  ) => compareAudiences(db, id, args),
};

export const Audience = {
  campaign: ({ campaignId }: AudienceModel, _: unknown, { loaders }: CampaignsContext) =>
    loaders.campaignById.load(campaignId),
  members: (
    audience: AudienceModel,
    args: { first?: number | null; after?: string | null; currentConsentOnly?: boolean | null },
    { db, graph }: CampaignsContext,
  ) => audienceMembers(db, graph, audience, args),
};

const campaignOf = ({ campaignId }: { campaignId: string }, _: unknown, { loaders }: CampaignsContext) =>
  loaders.campaignById.load(campaignId);

export const CampaignCredit = { campaign: campaignOf };
export const CampaignReturn = { campaign: campaignOf };
export const CampaignSpend = { campaign: campaignOf };

export const Funnel = {
  campaign: ({ campaignId }: { campaignId: string | null }, _: unknown, { loaders }: CampaignsContext) =>
    campaignId ? loaders.campaignById.load(campaignId) : null,
};

export const AttributionReport = {
  returns: (report: AttributedReport, _: unknown, { db }: CampaignsContext) => attributionReturns(db, report),
};

type AudienceModel = ReturnType<typeof rowToAudience>;

function rowToAudience(row: AudienceRow) {
  return {
    campaignId: row.campaign_id,
    version: row.version,
    size: row.size,
    computedAt: row.computed_at,
    rule: row.rule,
  };
}
