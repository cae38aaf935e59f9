import { found } from '../../../../shared/errors.js';
import { decodeTimeKey, pageSize } from '../../../../shared/pagination.js';
import { audienceMembers, compareAudiences, rowToAudience } from '../audiences.js';
import type { CampaignsContext } from '../context.js';
import { findAudience } from '../db/audience.repository.js';
import { experimentResult, variantFor } from '../experiments.js';
import { funnel } from '../funnel.js';
import type {
  AttributionReportResolvers,
  AudienceResolvers,
  CampaignCreditResolvers,
  CampaignResolvers,
  CampaignReturnResolvers,
  CampaignSpendResolvers,
  FunnelResolvers,
} from '../generated/resolvers-types.js';
import { attributionReturns } from '../spend.js';
import { normalizeCustomerId } from '../touchpoints.js';

export const Campaign: CampaignResolvers = {
  __resolveReference: ({ id }, { loaders }) => loaders.campaignById.load(id),

  // The inventory subgraph reads this through @requires(fields: "promotedSkus") for promotableProducts.
  promotedSkus: ({ id }, _, { loaders }) => loaders.promotedSkusByCampaignId.load(id),

  promotedProducts: async ({ id }, _, { loaders }) => {
    const skus = await loaders.promotedSkusByCampaignId.load(id);
    return skus.map((sku) => ({ __typename: 'Product' as const, sku }));
  },

  touchpoints: ({ id }, { first, after }, { loaders }) =>
    loaders.touchpointsByCampaignId.load({ ownerId: id, first: pageSize(first), after: decodeTimeKey(after) }),

  variants: ({ id }, _, { loaders }) => loaders.variantsByCampaignId.load(id),

  variantFor: async ({ id }, { customerId }, { db, loaders }) =>
    variantFor(db, id, await loaders.variantsByCampaignId.load(id), normalizeCustomerId(customerId)),

  experiment: async ({ id }, { conversionWindowDays }, { db, graph, loaders }) =>
    experimentResult(db, graph, id, await loaders.variantsByCampaignId.load(id), conversionWindowDays),

  funnel: ({ id }, args, { db }) => funnel(db, { ...args, campaignId: id }),

  audienceRule: ({ id }, _, { loaders }) => loaders.audienceRuleByCampaignId.load(id),

  audience: async ({ id }, { version }, { db }) => {
    const row = await findAudience(db, id, version ?? undefined);
    return row ? rowToAudience(row) : null;
  },

  audienceVersions: ({ id }, _, { loaders }) => loaders.audienceVersionsByCampaignId.load(id),

  audienceComparison: ({ id }, args, { db }) => compareAudiences(db, id, args),
};

/** A campaign named by id in a row that references it: a foreign key, so only a campaign erased meanwhile could miss. */
const campaignOf = async ({ campaignId }: { campaignId: string }, _: unknown, { loaders }: CampaignsContext) =>
  found(await loaders.campaignById.load(campaignId), `no campaign with id ${campaignId}`);

export const Audience: AudienceResolvers = {
  campaign: campaignOf,
  members: (audience, args, { db, graph }) => audienceMembers(db, graph, audience, args),
};

export const CampaignCredit: CampaignCreditResolvers = { campaign: campaignOf };
export const CampaignReturn: CampaignReturnResolvers = { campaign: campaignOf };
export const CampaignSpend: CampaignSpendResolvers = { campaign: campaignOf };

export const Funnel: FunnelResolvers = {
  campaign: ({ campaignId }, _, { loaders }) => (campaignId ? loaders.campaignById.load(campaignId) : null),
};

export const AttributionReport: AttributionReportResolvers = {
  returns: (report, _, { db }) => attributionReturns(db, report),
};
