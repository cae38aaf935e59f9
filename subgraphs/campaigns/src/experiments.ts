// A/B tests: variants with traffic shares, a customer's variant recorded at first exposure (sticky),
// and results over exposures whose conversion window has closed (statistics in experiment-stats.ts).
import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { BadUserInputError, NotFoundError } from '../../../shared/errors.js';
import type { GraphClient } from '../../../shared/graph-client.js';
import type { CampaignsDatabase } from './db/database.js';
import type { TouchpointKind } from './db/touchpoint.table.js';
import {
  findAssignedVariantKey,
  findAssignments,
  findExposureKinds,
  findVariants,
  lockCampaign,
  lockCampaignShared,
  recordAssignments,
  replaceVariants,
  rowToVariant,
  upsertExposureKinds,
  type CampaignVariant,
} from './db/variant.repository.js';
import {
  holmAdjust,
  newcombeInterval,
  SIGNIFICANCE_LEVEL,
  sampleTooSmallReason,
  twoProportionTest,
  wilsonInterval,
} from './experiment-stats.js';
import { convertingOrders } from './order-facts.js';

const DAY_MS = 86_400_000;
export const MAX_VARIANTS = 10;
export const MAX_CONVERSION_WINDOW_DAYS = 90;

export interface CampaignVariantInput {
  key: string;
  name?: string | null;
  trafficShare: number;
  control?: boolean | null;
}

export function validateVariants(variants: readonly CampaignVariantInput[]): CampaignVariant[] {
  if (variants.length < 2 || variants.length > MAX_VARIANTS)
    throw new BadUserInputError(`an experiment has 2 to ${MAX_VARIANTS} variants`, { argumentName: 'variants' });
  const cleaned = variants.map((variant) => ({
    key: variant.key.trim(),
    name: variant.name?.trim() || null,
    trafficShare: variant.trafficShare,
    control: variant.control ?? false,
  }));
  if (cleaned.some((variant) => !/^[A-Za-z0-9_-]{1,40}$/.test(variant.key)))
    throw new BadUserInputError('variant keys are 1 to 40 letters, digits, _ or -', { argumentName: 'variants' });
  if (new Set(cleaned.map((variant) => variant.key)).size !== cleaned.length)
    throw new BadUserInputError('variant keys must be unique', { argumentName: 'variants' });
  if (cleaned.some((variant) => !(variant.trafficShare > 0 && variant.trafficShare <= 1)))
    throw new BadUserInputError('every trafficShare must be in (0, 1]', { argumentName: 'variants' });
  const total = cleaned.reduce((sum, variant) => sum + variant.trafficShare, 0);
  if (Math.abs(total - 1) > 1e-9)
    throw new BadUserInputError(`traffic shares must sum to 1 (they sum to ${total})`, { argumentName: 'variants' });
  if (cleaned.filter((variant) => variant.control).length !== 1)
    throw new BadUserInputError('exactly one variant must be the control', { argumentName: 'variants' });
  return cleaned;
}

/** What an experiment counts as an exposure unless setCampaignVariants declares otherwise. */
export const DEFAULT_EXPOSURE_KINDS: readonly TouchpointKind[] = ['IMPRESSION', 'OPEN'];
/** A SEND is not an exposure: the customer may never see the message. */
export const EXPOSURE_KINDS: readonly TouchpointKind[] = ['IMPRESSION', 'OPEN', 'CLICK'];

export function validateExposureKinds(kinds: readonly TouchpointKind[]): TouchpointKind[] {
  const unique = [...new Set(kinds)];
  if (unique.length === 0 || unique.some((kind) => !EXPOSURE_KINDS.includes(kind)))
    throw new BadUserInputError(
      `exposureKinds is a non-empty list of ${EXPOSURE_KINDS.join(', ')} (a SEND is not seen)`,
      {
        argumentName: 'exposureKinds',
      },
    );
  return unique;
}

/**
 * Replaces the variants (and, when given, the exposure kinds). Customers already assigned keep their
 * variant: the new shares apply to customers first exposed from now on.
 */
export async function setCampaignVariants(
  db: Kysely<CampaignsDatabase>,
  campaignId: string,
  input: readonly CampaignVariantInput[],
  exposureKinds?: readonly TouchpointKind[] | null,
): Promise<CampaignVariant[]> {
  const variants = validateVariants(input);
  const kinds = exposureKinds ? validateExposureKinds(exposureKinds) : null;
  return db.transaction().execute(async (trx) => {
    if (!(await lockCampaign(trx, campaignId)))
      throw new NotFoundError(`No campaign with id ${campaignId}`, { campaignId, argumentName: 'campaignId' });
    if (kinds) await upsertExposureKinds(trx, campaignId, kinds);
    const rows = await replaceVariants(
      trx,
      campaignId,
      variants.map((variant) => ({
        key: variant.key,
        name: variant.name,
        traffic_share: variant.trafficShare,
        control: variant.control,
      })),
    );
    return rows.map(rowToVariant);
  });
}

/** A uniform number in [0, 1) from the campaign and customer ids: the same customer always lands in the same variant. */
export function assignmentPoint(campaignId: string, customerId: string): number {
  return createHash('sha256').update(`${campaignId}:${customerId}`).digest().readUIntBE(0, 6) / 2 ** 48;
}

export function assignVariant<V extends { trafficShare: number }>(
  variants: readonly V[],
  campaignId: string,
  customerId: string,
): V | null {
  if (variants.length === 0) return null;
  const point = assignmentPoint(campaignId, customerId);
  let cumulative = 0;
  for (const variant of variants) {
    cumulative += variant.trafficShare;
    if (point < cumulative) return variant;
  }
  // Shares sum to 1 up to rounding: a point in the last sliver belongs to the last variant.
  return variants[variants.length - 1];
}

export interface Exposure {
  customerId: string;
  kind: TouchpointKind;
  occurredAt: Date;
}

/**
 * Assigns the customers these touchpoints expose to the campaign's experiment, in the caller's
 * transaction (the one that writes the touchpoints). Only declared kinds count; a customer already
 * assigned keeps their variant. Does nothing when the campaign has no variants.
 */
export async function recordExposures(
  trx: Transaction<CampaignsDatabase>,
  campaignId: string,
  touchpoints: readonly Exposure[],
): Promise<void> {
  if (touchpoints.length === 0) return;
  await lockCampaignShared(trx, campaignId);
  const variants = (await findVariants(trx, [campaignId])).map(rowToVariant);
  if (variants.length === 0) return;
  const kinds = (await findExposureKinds(trx, campaignId)) ?? DEFAULT_EXPOSURE_KINDS;
  const first = new Map<string, Date>();
  for (const { customerId, kind, occurredAt } of touchpoints) {
    if (!kinds.includes(kind)) continue;
    const known = first.get(customerId);
    if (!known || occurredAt < known) first.set(customerId, occurredAt);
  }
  await recordAssignments(
    trx,
    campaignId,
    [...first].map(([customerId, exposedAt]) => ({
      customerId,
      exposedAt,
      variantKey: assignVariant(variants, campaignId, customerId)!.key,
    })),
  );
}

/**
 * Campaign.variantFor: the variant recorded at the customer's first exposure; before it, the variant
 * the current shares would give them; null when the recorded variant has since been removed.
 */
export async function variantFor(
  db: Kysely<CampaignsDatabase>,
  campaignId: string,
  variants: readonly CampaignVariant[],
  customerId: string,
): Promise<CampaignVariant | null> {
  const recorded = await findAssignedVariantKey(db, campaignId, customerId);
  if (recorded === undefined) return assignVariant(variants, campaignId, customerId);
  return variants.find((variant) => variant.key === recorded) ?? null;
}

export interface VariantCounts {
  variant: CampaignVariant;
  exposures: number;
  conversions: number;
  /** Exposed customers whose conversion window is still open: not judged yet. */
  pendingExposures: number;
}

/**
 * Each variant against the control: Wilson interval per variant, Newcombe interval for the
 * difference, the z-test where the sample allows it, and Holm-adjusted p-values over all the
 * comparisons with the control. A comparison whose sample is too small has no p-value and enters
 * Holm's procedure as p = 1, so it still counts in the family and the others are not corrected less.
 */
export function compareVariants(groups: readonly VariantCounts[]) {
  const control = groups.find((group) => group.variant.control)!;
  const compared = groups.map((group) => {
    if (group.variant.control) return { group, test: null, reason: null };
    const args = [group.conversions, group.exposures, control.conversions, control.exposures] as const;
    const test = twoProportionTest(...args);
    return { group, test, reason: sampleTooSmallReason(...args) };
  });
  const tested = compared.filter((row) => !row.group.variant.control);
  const adjusted = holmAdjust(tested.map((row) => (row.reason === null ? (row.test?.pValue ?? 1) : 1)));
  return compared.map(({ group, test, reason }) => {
    const isControl = group.variant.control;
    const adjustedPValue =
      isControl || reason !== null || test?.pValue == null
        ? null
        : adjusted[tested.findIndex((row) => row.group === group)];
    return {
      variant: group.variant,
      exposures: group.exposures,
      conversions: group.conversions,
      pendingExposures: group.pendingExposures,
      conversionRate: group.exposures > 0 ? group.conversions / group.exposures : 0,
      conversionRateInterval: wilsonInterval(group.conversions, group.exposures),
      absoluteLift: test?.absoluteLift ?? null,
      relativeLift: test?.relativeLift ?? null,
      liftInterval: isControl
        ? null
        : newcombeInterval(group.conversions, group.exposures, control.conversions, control.exposures),
      zScore: reason === null ? (test?.zScore ?? null) : null,
      pValue: reason === null ? (test?.pValue ?? null) : null,
      adjustedPValue,
      significant: adjustedPValue === null ? null : adjustedPValue < SIGNIFICANCE_LEVEL,
      sampleTooSmall: isControl ? null : reason !== null,
      sampleTooSmallReason: reason,
    };
  });
}

/**
 * Campaign.experiment: exposures are the recorded assignments whose conversion window closed before
 * `now`; conversions are converting orders (read through the graph) within the window after the
 * first exposure. Exposures still inside their window are counted apart (pendingExposures).
 */
export async function experimentResult(
  db: Kysely<CampaignsDatabase>,
  graph: GraphClient,
  campaignId: string,
  variants: readonly CampaignVariant[],
  windowDays: number | null | undefined,
  now = new Date(),
) {
  const window = windowDays ?? 7;
  if (!Number.isInteger(window) || window < 1 || window > MAX_CONVERSION_WINDOW_DAYS) {
    throw new BadUserInputError(`conversionWindowDays must be an integer between 1 and ${MAX_CONVERSION_WINDOW_DAYS}`, {
      argumentName: 'conversionWindowDays',
    });
  }
  if (variants.length === 0) return null;
  const windowMs = window * DAY_MS;
  const assignments = await findAssignments(db, campaignId);
  const counts = new Map(
    variants.map((variant) => [variant.key, { variant, exposures: 0, conversions: 0, pendingExposures: 0 }]),
  );
  let removedVariantExposures = 0;
  const judged: typeof assignments = [];
  for (const row of assignments) {
    const group = counts.get(row.variant_key);
    if (!group) removedVariantExposures += 1;
    else if (row.exposed_at.getTime() + windowMs > now.getTime()) group.pendingExposures += 1;
    else {
      group.exposures += 1;
      judged.push(row);
    }
  }

  const exposedAt = new Map(judged.map((row) => [row.customer_id, row.exposed_at.getTime()]));
  const converted = new Set<string>();
  for (let i = 0; i < judged.length; i += 1000) {
    const batch = judged.slice(i, i + 1000);
    const from = new Date(Math.min(...batch.map((row) => row.exposed_at.getTime())));
    const to = new Date(Math.max(...batch.map((row) => row.exposed_at.getTime())) + windowMs + 1);
    for await (const orders of convertingOrders(graph, {
      from,
      to,
      customerIds: batch.map((row) => row.customer_id),
    })) {
      for (const order of orders) {
        const first = exposedAt.get(order.customerId)!;
        if (order.placedAt.getTime() > first && order.placedAt.getTime() <= first + windowMs)
          converted.add(order.customerId);
      }
    }
  }
  for (const row of judged) if (converted.has(row.customer_id)) counts.get(row.variant_key)!.conversions += 1;

  return {
    conversionWindowDays: window,
    exposureKinds: (await findExposureKinds(db, campaignId)) ?? [...DEFAULT_EXPOSURE_KINDS],
    judgedBefore: new Date(now.getTime() - windowMs),
    removedVariantExposures,
    control: variants.find((variant) => variant.control)!,
    variants: compareVariants([...counts.values()]),
  };
}
