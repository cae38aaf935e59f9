// A/B tests: variants with traffic shares, deterministic assignment, and a two-proportion z-test.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { BadUserInputError, NotFoundError } from '../../../shared/errors.js';
import type { GraphClient } from '../../../shared/graph-client.js';
import type { CampaignsDatabase } from './db/database.js';
import { findFirstExposures } from './db/touchpoint.repository.js';
import { lockCampaign, replaceVariants, rowToVariant, type CampaignVariant } from './db/variant.repository.js';
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

export async function setCampaignVariants(
  db: Kysely<CampaignsDatabase>,
  campaignId: string,
  input: readonly CampaignVariantInput[],
): Promise<CampaignVariant[]> {
  const variants = validateVariants(input);
  return db.transaction().execute(async (trx) => {
    if (!(await lockCampaign(trx, campaignId)))
      throw new NotFoundError(`No campaign with id ${campaignId}`, { campaignId });
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

/** Φ(x), the standard normal distribution function (erfc by W. J. Cody's rational approximations via Numerical Recipes' erfc, |error| < 1.2e-7). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * z);
  const erfc =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}

export interface ProportionTest {
  absoluteLift: number;
  relativeLift: number | null;
  zScore: number | null;
  pValue: number | null;
  significant: boolean | null;
}

/** Variant vs control: lifts and the pooled two-sided two-proportion z-test. */
export function twoProportionTest(
  conversions: number,
  exposures: number,
  controlConversions: number,
  controlExposures: number,
): ProportionTest | null {
  if (exposures === 0 || controlExposures === 0) return null;
  const rate = conversions / exposures;
  const controlRate = controlConversions / controlExposures;
  const pooled = (conversions + controlConversions) / (exposures + controlExposures);
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / exposures + 1 / controlExposures));
  const zScore = standardError > 0 ? (rate - controlRate) / standardError : null;
  const pValue = zScore === null ? null : 2 * (1 - normalCdf(Math.abs(zScore)));
  return {
    absoluteLift: rate - controlRate,
    relativeLift: controlRate > 0 ? (rate - controlRate) / controlRate : null,
    zScore,
    pValue,
    significant: pValue === null ? null : pValue < 0.05,
  };
}

/** Campaign.experiment: exposures from touchpoints, conversions from orders read through the graph. */
export async function experimentResult(
  db: Kysely<CampaignsDatabase>,
  graph: GraphClient,
  campaignId: string,
  variants: readonly CampaignVariant[],
  windowDays: number | null | undefined,
) {
  const window = windowDays ?? 7;
  if (!Number.isInteger(window) || window < 1 || window > MAX_CONVERSION_WINDOW_DAYS) {
    throw new BadUserInputError(`conversionWindowDays must be an integer between 1 and ${MAX_CONVERSION_WINDOW_DAYS}`, {
      argumentName: 'conversionWindowDays',
    });
  }
  if (variants.length === 0) return null;
  const windowMs = window * DAY_MS;
  const exposures = await findFirstExposures(db, campaignId);
  const stats = new Map(variants.map((variant) => [variant.key, { exposures: 0, conversions: 0 }]));
  const firstExposure = new Map(exposures.map((row) => [row.customer_id, row.first_at]));
  for (const row of exposures) stats.get(assignVariant(variants, campaignId, row.customer_id)!.key)!.exposures += 1;

  const converted = new Set<string>();
  for (let i = 0; i < exposures.length; i += 1000) {
    const batch = exposures.slice(i, i + 1000);
    const from = new Date(Math.min(...batch.map((row) => row.first_at.getTime())));
    const to = new Date(Math.max(...batch.map((row) => row.first_at.getTime())) + windowMs + 1);
    for await (const orders of convertingOrders(graph, {
      from,
      to,
      customerIds: batch.map((row) => row.customer_id),
    })) {
      for (const order of orders) {
        const first = firstExposure.get(order.customerId)!.getTime();
        if (order.placedAt.getTime() > first && order.placedAt.getTime() <= first + windowMs)
          converted.add(order.customerId);
      }
    }
  }
  for (const customerId of converted) stats.get(assignVariant(variants, campaignId, customerId)!.key)!.conversions += 1;

  const control = variants.find((variant) => variant.control)!;
  const controlStats = stats.get(control.key)!;
  return {
    conversionWindowDays: window,
    control,
    variants: variants.map((variant) => {
      const { exposures: n, conversions } = stats.get(variant.key)!;
      const test = variant.control
        ? null
        : twoProportionTest(conversions, n, controlStats.conversions, controlStats.exposures);
      return {
        variant,
        exposures: n,
        conversions,
        conversionRate: n > 0 ? conversions / n : 0,
        absoluteLift: test?.absoluteLift ?? null,
        relativeLift: test?.relativeLift ?? null,
        zScore: test?.zScore ?? null,
        pValue: test?.pValue ?? null,
        significant: test?.significant ?? null,
      };
    }),
  };
}
