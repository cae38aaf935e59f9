// Campaign audiences: a rule (RFM segments, channel, country, minimum predicted value, churn bands and
// behavioural clusters of the orders domain's models) evaluated
// through the gateway as a client, page by page, and stored as a versioned snapshot. Consent is
// absolute: only a customer whose current MARKETING consent on the campaign's channel is an opt-in
// is ever a member.
import type { Kysely } from 'kysely';
import { BadUserInputError, NotFoundError } from '../../../shared/errors.js';
import type { GraphClient } from '../../../shared/graph-client.js';
import { decodeCursor, encodeCursor, pageSize, type Connection } from '../../../shared/pagination.js';
import {
  CHURN_BANDS,
  RFM_SEGMENTS,
  type AudienceRow,
  type AudienceRule,
  type ChurnBand,
  type RfmSegment,
} from './db/audience.table.js';
import {
  compareAudienceMembers,
  findAudience,
  findAudienceMembers,
  insertAudience,
  nextAudienceVersion,
  upsertAudienceRule,
} from './db/audience.repository.js';
import type { MarketingChannel } from './db/campaign.table.js';
import type { Campaign } from './db/campaign.repository.js';
import type { CampaignsDatabase } from './db/database.js';
import { lockCampaign } from './db/variant.repository.js';
import { withoutMarketingSuppressed } from './db/read-model.repository.js';

/** Channels the customers domain records consent for; an audience can only be built for these. */
export const CONSENT_CHANNELS = ['EMAIL', 'SMS', 'PUSH'] as const satisfies readonly MarketingChannel[];
export const MAX_HORIZON_DAYS = 3650;
const GRAPH_PAGE = 1000;

export interface AudienceRuleInput {
  segments: RfmSegment[];
  channel: MarketingChannel;
  country?: string | null;
  minPredictedValue?: number | null;
  horizonDays?: number | null;
  churnBands?: ChurnBand[] | null;
  clusters?: number[] | null;
}

export function validateAudienceRule(campaign: Campaign, input: AudienceRuleInput): AudienceRule {
  const segments = [...new Set(input.segments)];
  if (segments.length === 0 || segments.some((segment) => !RFM_SEGMENTS.includes(segment)))
    throw new BadUserInputError('segments must name at least one RFM segment', { argumentName: 'rule' });
  if (input.channel !== campaign.channel)
    throw new BadUserInputError(`the rule's channel must be the campaign's channel (${campaign.channel})`, {
      argumentName: 'rule',
    });
  if (!(CONSENT_CHANNELS as readonly string[]).includes(input.channel)) {
    throw new BadUserInputError(
      `audiences need a channel consent is recorded for (${CONSENT_CHANNELS.join(', ')}); ${input.channel} has none`,
      { argumentName: 'rule' },
    );
  }
  const country = input.country?.trim().toUpperCase() || null;
  if (country !== null && !/^[A-Z]{2}$/.test(country))
    throw new BadUserInputError('country must be an ISO 3166-1 alpha-2 code, e.g. DE', { argumentName: 'rule' });
  const minPredictedValue = input.minPredictedValue ?? null;
  if (minPredictedValue !== null && !(Number.isFinite(minPredictedValue) && minPredictedValue >= 0))
    throw new BadUserInputError('minPredictedValue must be at least 0', { argumentName: 'rule' });
  const horizonDays = input.horizonDays ?? 365;
  if (!Number.isInteger(horizonDays) || horizonDays < 1 || horizonDays > MAX_HORIZON_DAYS)
    throw new BadUserInputError(`horizonDays must be an integer between 1 and ${MAX_HORIZON_DAYS}`, {
      argumentName: 'rule',
    });
  return {
    segments: RFM_SEGMENTS.filter((segment) => segments.includes(segment)),
    ...modelTargets(input),
    channel: input.channel,
    country,
    minPredictedValue,
    horizonDays,
  };
}

/** The churn bands and clusters a rule targets: null for any, otherwise a non-empty, sorted, distinct list. */
function modelTargets(input: AudienceRuleInput): Pick<AudienceRule, 'churnBands' | 'clusters'> {
  let churnBands: ChurnBand[] | null = null;
  if (input.churnBands != null) {
    if (input.churnBands.length === 0 || input.churnBands.some((band) => !CHURN_BANDS.includes(band)))
      throw new BadUserInputError('churnBands must name at least one churn band, or be left out for any', {
        argumentName: 'rule',
      });
    churnBands = CHURN_BANDS.filter((band) => input.churnBands!.includes(band));
  }
  let clusters: number[] | null = null;
  if (input.clusters != null) {
    if (input.clusters.length === 0 || input.clusters.some((id) => !Number.isInteger(id) || id < 1 || id > 10))
      throw new BadUserInputError('clusters must name at least one cluster id from 1 to 10, or be left out for any', {
        argumentName: 'rule',
      });
    clusters = [...new Set(input.clusters)].sort((a, b) => a - b);
  }
  return { churnBands, clusters };
}

export async function setAudienceRule(
  db: Kysely<CampaignsDatabase>,
  campaign: Campaign,
  input: AudienceRuleInput,
): Promise<AudienceRule> {
  const rule = validateAudienceRule(campaign, input);
  await upsertAudienceRule(db, campaign.id, rule);
  return rule;
}

export const SEGMENT_PAGE_QUERY = /* GraphQL */ `
  query AudienceCandidates($segment: RfmSegment!, $after: String, $first: Int!, $channel: ConsentChannel!, $withValue: Boolean!, $horizonDays: Int!, $withChurn: Boolean!, $withCluster: Boolean!) {
    customersInSegment(segment: $segment, first: $first, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes {
        id
        contactable(purpose: MARKETING, channel: $channel)
        country
        lifetimeValue @include(if: $withValue) { predicted(horizonDays: $horizonDays) { expectedValue } }
        churnRisk @include(if: $withChurn) { band }
        cluster @include(if: $withCluster) { id }
      }
    }
  }
`;

export interface AudienceCandidate {
  id: string;
  contactable: boolean | null;
  country: string | null;
  lifetimeValue?: { predicted: { expectedValue: number } | null } | null;
  churnRisk?: { band: ChurnBand } | null;
  cluster?: { id: number } | null;
}

interface SegmentPage {
  customersInSegment: {
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: (AudienceCandidate | null)[];
  };
}

/** Whether a candidate the graph returned belongs in the audience under the rule. */
export function isMember(rule: AudienceRule, candidate: AudienceCandidate | null): candidate is AudienceCandidate {
  // Consent is absolute: anything but an explicit current opt-in (false, or null for an unknown or erased customer) excludes.
  if (candidate?.contactable !== true) return false;
  if (rule.country !== null && candidate.country !== rule.country) return false;
  if (rule.minPredictedValue !== null) {
    const predicted = candidate.lifetimeValue?.predicted?.expectedValue;
    if (predicted === undefined || predicted === null || predicted < rule.minPredictedValue) return false;
  }
  // A customer without a score (no model, or left out of the models for want of consent) is in no band or cluster.
  if (rule.churnBands && !(candidate.churnRisk && rule.churnBands.includes(candidate.churnRisk.band))) return false;
  if (rule.clusters && !(candidate.cluster && rule.clusters.includes(candidate.cluster.id))) return false;
  return true;
}

/** The campaign's rule; BAD_USER_INPUT when it has none, since there is nothing to build. */
export function requireAudienceRule(campaignId: string, rule: AudienceRule | null): asserts rule is AudienceRule {
  if (!rule)
    throw new BadUserInputError(`campaign ${campaignId} has no audience rule; set one with setAudienceRule`, {
      argumentName: 'campaignId',
    });
}

interface SegmentEvaluation {
  segment: RfmSegment;
  candidates: number;
  members: string[];
}

/**
 * Evaluates the rule through the graph, segment by segment and page by page. `maxCandidates` stops
 * (BAD_USER_INPUT) once the segments have yielded more candidates than that: a preview's bound.
 */
async function evaluateAudienceRule(
  graph: GraphClient,
  rule: AudienceRule,
  options: { progress?: (fraction: number) => void; maxCandidates?: number } = {},
): Promise<SegmentEvaluation[]> {
  const evaluations: SegmentEvaluation[] = [];
  let candidates = 0;
  for (const [done, segment] of rule.segments.entries()) {
    options.progress?.(done / rule.segments.length);
    const evaluation: SegmentEvaluation = { segment, candidates: 0, members: [] };
    let after: string | null = null;
    do {
      const page: SegmentPage = await graph.request<SegmentPage>(SEGMENT_PAGE_QUERY, {
        segment,
        after,
        first: GRAPH_PAGE,
        channel: rule.channel,
        withValue: rule.minPredictedValue !== null,
        horizonDays: rule.horizonDays,
        withChurn: !!rule.churnBands,
        withCluster: !!rule.clusters,
      });
      evaluation.candidates += page.customersInSegment.nodes.length;
      candidates += page.customersInSegment.nodes.length;
      if (options.maxCandidates !== undefined && candidates > options.maxCandidates)
        throw new BadUserInputError(
          `the rule's segments hold more than ${options.maxCandidates} customers, too many to preview; build the audience instead`,
          { argumentName: 'rule' },
        );
      for (const candidate of page.customersInSegment.nodes)
        if (isMember(rule, candidate)) evaluation.members.push(candidate.id);
      after = page.customersInSegment.pageInfo.hasNextPage ? page.customersInSegment.pageInfo.endCursor : null;
    } while (after);
    evaluations.push(evaluation);
  }
  return evaluations;
}

/** How many customers a preview may read through the graph (20 pages of the segment feed). */
export const MAX_PREVIEW_CANDIDATES = 20_000;

/**
 * What the rule would select now, without storing anything: the same evaluation as a build,
 * including the read models' suppressions, counted per segment.
 */
export async function previewAudience(
  db: Kysely<CampaignsDatabase>,
  graph: GraphClient,
  campaign: Campaign,
  input: AudienceRuleInput,
) {
  const rule = validateAudienceRule(campaign, input);
  const evaluations = await evaluateAudienceRule(graph, rule, { maxCandidates: MAX_PREVIEW_CANDIDATES });
  const kept = new Set(
    await withoutMarketingSuppressed(
      db,
      evaluations.flatMap((evaluation) => evaluation.members),
      rule.channel,
    ),
  );
  const bySegment = evaluations.map((evaluation) => ({
    segment: evaluation.segment,
    candidates: evaluation.candidates,
    members: evaluation.members.filter((id) => kept.has(id)).length,
  }));
  return {
    rule,
    // A customer is in one segment of a snapshot, so the segments' members do not overlap.
    size: kept.size,
    candidates: bySegment.reduce((sum, segment) => sum + segment.candidates, 0),
    bySegment,
  };
}

/** Evaluates the rule through the graph, page by page, and stores the members as the next version, in one transaction. */
export async function buildAudience(
  db: Kysely<CampaignsDatabase>,
  graph: GraphClient,
  campaignId: string,
  rule: AudienceRule | null,
  now = () => new Date(),
  progress?: (fraction: number) => void,
) {
  requireAudienceRule(campaignId, rule);
  const evaluations = await evaluateAudienceRule(graph, rule, { progress });
  const sorted = [...new Set(evaluations.flatMap((evaluation) => evaluation.members))].sort();
  // The campaign row lock orders concurrent builds, so each gets its own version number.
  return db.transaction().execute(async (trx) => {
    if (!(await lockCampaign(trx, campaignId)))
      throw new NotFoundError(`No campaign with id ${campaignId}`, { campaignId, argumentName: 'campaignId' });
    const version = await nextAudienceVersion(trx, campaignId);
    return insertAudience(trx, { campaignId, version, computedAt: now(), rule }, sorted);
  });
}

export const CONSENT_QUERY = /* GraphQL */ `
  query AudienceConsent($ids: [ID!]!, $channel: ConsentChannel!) {
    customersByIds(ids: $ids) { id contactable(purpose: MARKETING, channel: $channel) }
  }
`;

/**
 * One page of a snapshot's members in id order. With currentConsentOnly, members are re-checked
 * through the graph in chunks and those who withdrew consent are skipped before the page is cut,
 * so a page of 20 holds 20 contactable members whenever 20 remain.
 */
export async function audienceMembers(
  db: Kysely<CampaignsDatabase>,
  graph: GraphClient,
  audience: { campaignId: string; version: number; rule: AudienceRule },
  args: { first?: number | null; after?: string | null; currentConsentOnly?: boolean | null },
): Promise<Connection<{ __typename: 'Customer'; id: string }>> {
  const first = pageSize(args.first);
  let after = decodeCursor(args.after, 1)?.[0] as string | undefined;
  const page: string[] = [];
  let hasNextPage = false;
  for (;;) {
    const chunkSize = args.currentConsentOnly ? GRAPH_PAGE : first + 1;
    const ids = await findAudienceMembers(db, audience.campaignId, audience.version, chunkSize, after);
    let kept = ids;
    if (args.currentConsentOnly && ids.length > 0) {
      const result = await graph.request<{ customersByIds: ({ id: string; contactable: boolean } | null)[] }>(
        CONSENT_QUERY,
        { ids, channel: audience.rule.channel },
      );
      kept = ids.filter((_, i) => result.customersByIds[i]?.contactable === true);
    }
    for (const id of kept) {
      if (page.length === first) {
        hasNextPage = true;
        break;
      }
      page.push(id);
    }
    if (hasNextPage || ids.length < chunkSize) break;
    after = ids[ids.length - 1];
  }
  const edges = page.map((id) => ({ cursor: encodeCursor([id]), node: { __typename: 'Customer' as const, id } }));
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

/** An audience snapshot as Audience's resolvers receive it. */
export interface AudienceModel {
  campaignId: string;
  version: number;
  size: number;
  computedAt: Date;
  rule: AudienceRule;
}

export function rowToAudience(row: AudienceRow): AudienceModel {
  return {
    campaignId: row.campaign_id,
    version: row.version,
    size: row.size,
    computedAt: row.computed_at,
    rule: row.rule,
  };
}

export const MAX_COMPARISON_SAMPLE = 100;

/** Added, removed and kept members between two snapshots, with samples; NOT_FOUND for a missing version. */
export async function compareAudiences(
  db: Kysely<CampaignsDatabase>,
  campaignId: string,
  args: { from: number; to: number; sample?: number | null },
) {
  const sample = args.sample ?? 10;
  if (!Number.isInteger(sample) || sample < 0 || sample > MAX_COMPARISON_SAMPLE)
    throw new BadUserInputError(`sample must be 0 to ${MAX_COMPARISON_SAMPLE}`, { argumentName: 'sample' });
  const [from, to] = await Promise.all([
    findAudience(db, campaignId, args.from),
    findAudience(db, campaignId, args.to),
  ]);
  for (const [name, version, row] of [
    ['from', args.from, from],
    ['to', args.to, to],
  ] as const)
    if (!row)
      throw new NotFoundError(`campaign ${campaignId} has no audience version ${version}`, {
        campaignId,
        argumentName: name,
      });
  const difference = await compareAudienceMembers(db, campaignId, args.from, args.to, sample);
  const summary = (row: NonNullable<typeof from>) => ({
    version: row.version,
    size: row.size,
    computedAt: row.computed_at,
  });
  const customer = (id: string) => ({ __typename: 'Customer' as const, id });
  return {
    from: summary(from!),
    to: summary(to!),
    added: difference.added,
    removed: difference.removed,
    kept: difference.kept,
    addedSample: difference.addedSample.map(customer),
    removedSample: difference.removedSample.map(customer),
  };
}
