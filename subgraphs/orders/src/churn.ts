// Churn risk: the probability that a customer places no order in the next N days (default 90).
// Trained as a job (FIT_CHURN_MODEL) on a time split: features as of cutoff = asOf − N, label = no
// purchase in (cutoff, asOf], and the same for up to SNAPSHOTS − 1 earlier windows of N days stacked
// (more rows to train and judge on; every window's features end at its own cutoff). Customers are split by a hash of their id into training (60 %),
// validation (20 %, for Platt calibration) and holdout (20 %, for the stored metrics); a logistic
// regression with standardization, balanced class weights and L2 is fitted on training only, so no
// model sees its holdout. The holdout metrics (AUC, precision at the top decile) are stored with two
// baselines computed in the same run: recency alone, and 1 − P(alive) of a BG/NBD fitted on the
// purchases up to each window's cutoff. Then every consenting customer is scored as of asOf and the scores are
// stored with the model, one version per run; the served version is the one with the latest asOf.
import type { Kysely } from 'kysely';
import { BadUserInputError } from '../../../shared/errors.js';
import { checkAsOfWithinOrders } from './analytics.js';
import { findFirstOrderAt } from './db/order.repository.js';
import { fitBgNbd, probabilityAlive } from './clv.js';
import { countPurchasesBetween, findPurchaseSummaries } from './db/clv.repository.js';
import type { OrdersDatabase } from './db/database.js';
import type {
  ChurnFactor,
  ChurnMetricSet,
  ChurnModelRow,
  NewChurnScoreRow,
  StoredChurnMetrics,
  StoredChurnModel,
} from './db/models.table.js';
import { insertChurnModel } from './db/models.repository.js';
import {
  CHURN_FEATURES,
  churnFeatureValues,
  churnVector,
  customerFeatures,
  type CustomerFeatureRow,
} from './features.js';
import { MIN_CUSTOMERS_TO_FIT, toSummary } from './lifetime-value.js';
import {
  auc,
  fitLogistic,
  fitPlatt,
  fitStandardizer,
  logit,
  precisionAtTopDecile,
  sigmoid,
  standardize,
} from './logistic.js';

export const DEFAULT_CHURN_HORIZON_DAYS = 90;
export const MAX_CHURN_HORIZON_DAYS = 365;
/** Fewer training customers than this (or a split without both outcomes) cannot fit or judge a model. */
export const MIN_TRAINING_CUSTOMERS = 30;
/** Calibrated probability from which a customer is MEDIUM, and HIGH, risk. */
export const CHURN_BANDS = { medium: 0.5, high: 0.8 } as const;
export type ChurnBand = 'LOW' | 'MEDIUM' | 'HIGH';
/** Time windows stacked for training and evaluation: (asOf − kN, asOf − (k−1)N] for k = 1 … SNAPSHOTS. */
export const SNAPSHOTS = 4;
/** L2 penalty on the standardized coefficients. */
const L2 = 1;
/** How many factors a score keeps: the largest terms of its log-odds. */
const FACTORS_KEPT = 3;
const DAY_MS = 86_400_000;

export function validateChurnHorizon(horizonDays: number | null | undefined): number {
  const days = horizonDays ?? DEFAULT_CHURN_HORIZON_DAYS;
  if (!Number.isInteger(days) || days < 7 || days > MAX_CHURN_HORIZON_DAYS)
    throw new BadUserInputError(`horizonDays must be an integer between 7 and ${MAX_CHURN_HORIZON_DAYS}`, {
      argumentName: 'horizonDays',
    });
  return days;
}

export type Split = 'TRAIN' | 'VALIDATION' | 'HOLDOUT';

/** A customer's split, fixed by their id (FNV-1a), so reruns and later models keep the same holdout. */
export function splitOf(customerId: string): Split {
  let h = 0x811c9dc5;
  for (let i = 0; i < customerId.length; i++) {
    h ^= customerId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  const bucket = (h >>> 0) % 10;
  return bucket < 6 ? 'TRAIN' : bucket < 8 ? 'VALIDATION' : 'HOLDOUT';
}

export const bandOf = (probability: number, bands: { medium: number; high: number } = CHURN_BANDS): ChurnBand =>
  probability >= bands.high ? 'HIGH' : probability >= bands.medium ? 'MEDIUM' : 'LOW';

/** The calibrated probability of no purchase in the horizon, and the terms that weigh most in it. */
export function scoreCustomer(
  model: StoredChurnModel,
  row: CustomerFeatureRow,
): { probability: number; factors: ChurnFactor[] } {
  const z = standardize(model, churnVector(row));
  const raw = logit(model, z);
  const probability = sigmoid(model.platt.a * raw + model.platt.b);
  const values = churnFeatureValues(row);
  const factors = z
    .map((v, j) => ({ feature: model.features[j], value: values[j], contribution: model.coefficients[j] * v }))
    .sort((p, q) => Math.abs(q.contribution) - Math.abs(p.contribution))
    .slice(0, FACTORS_KEPT);
  return { probability, factors };
}

interface Labelled {
  row: CustomerFeatureRow;
  churned: 0 | 1;
  /** The BG/NBD baseline's score: 1 − P(alive) from a fit on the purchases up to the row's cutoff. */
  notAlive: number;
}

const metricsOf = (scores: number[], labels: number[]): ChurnMetricSet => ({
  auc: auc(scores, labels),
  precisionAtTopDecile: precisionAtTopDecile(scores, labels),
});

export interface ChurnTraining {
  model: StoredChurnModel;
  metrics: StoredChurnMetrics;
}

/** Fits and evaluates the model on the time split ending at asOf (the part of the job that touches no table but orders and the consent read model). */
export async function trainChurnModel(
  db: Kysely<OrdersDatabase>,
  asOf: Date,
  horizonDays: number,
): Promise<ChurnTraining> {
  const cutoff = new Date(asOf.getTime() - horizonDays * DAY_MS);
  const first = await findFirstOrderAt(db);
  const split: Record<Split, Labelled[]> = { TRAIN: [], VALIDATION: [], HOLDOUT: [] };
  const bgStatuses: string[] = [];
  // Up to SNAPSHOTS windows back from asOf, each (cutoff_k, cutoff_k + N] labelling the features as
  // of cutoff_k; a window needs at least N days of purchases before its cutoff.
  for (let k = 1; k <= SNAPSHOTS; k++) {
    const at = new Date(asOf.getTime() - k * horizonDays * DAY_MS);
    if (k > 1 && (!first || at.getTime() - horizonDays * DAY_MS < first.getTime())) break;
    const { rows } = await customerFeatures(db, at, horizonDays);
    const buyers = await countPurchasesBetween(db, at, new Date(at.getTime() + horizonDays * DAY_MS));
    // The BG/NBD baseline sees the same purchases as the model: those up to the cutoff, of the same customers.
    const included = new Set(rows.map((r) => r.customer_id));
    const summaries = (await findPurchaseSummaries(db, at)).filter((s) => included.has(s.customer_id)).map(toSummary);
    const bg = summaries.length >= MIN_CUSTOMERS_TO_FIT ? fitBgNbd(summaries) : null;
    bgStatuses.push(bg?.status ?? 'TOO_FEW_CUSTOMERS');
    const byId = new Map(summaries.map((s) => [s.customerId, s]));
    for (const row of rows) {
      const summary = byId.get(row.customer_id);
      split[splitOf(row.customer_id)].push({
        row,
        churned: buyers.has(row.customer_id) ? 0 : 1,
        notAlive: bg && summary ? 1 - probabilityAlive(bg, summary) : Number.NaN,
      });
    }
  }
  for (const [name, part] of Object.entries(split)) {
    const churned = part.filter((c) => c.churned === 1).length;
    const minimum = name === 'TRAIN' ? MIN_TRAINING_CUSTOMERS : 1;
    if (part.length < minimum || churned === 0 || churned === part.length)
      throw new BadUserInputError(
        `training the churn model needs customers who bought before ${cutoff.toISOString()} (asOf − horizonDays), both some who bought again within ${horizonDays} days and some who did not, in each split (${name.toLowerCase()}: ${part.length} customers, ${churned} without a purchase)`,
        { argumentName: 'asOf' },
      );
  }
  const trainX = split.TRAIN.map((c) => churnVector(c.row));
  const standardizer = fitStandardizer(trainX);
  const fit = fitLogistic(
    trainX.map((x) => standardize(standardizer, x)),
    split.TRAIN.map((c) => c.churned),
    { l2: L2, balanced: true },
  );
  const rawScore = (row: CustomerFeatureRow) => logit(fit, standardize(standardizer, churnVector(row)));
  const platt = fitPlatt(
    split.VALIDATION.map((c) => rawScore(c.row)),
    split.VALIDATION.map((c) => c.churned),
  );
  const model: StoredChurnModel = {
    features: [...CHURN_FEATURES],
    ...standardizer,
    intercept: fit.intercept,
    coefficients: fit.coefficients,
    platt,
    l2: L2,
    bands: { ...CHURN_BANDS },
  };

  const holdout = split.HOLDOUT;
  const labels: number[] = holdout.map((c) => c.churned);
  const notAlive = holdout.map((c) => c.notAlive);
  const metrics: StoredChurnMetrics = {
    trainingCustomers: split.TRAIN.length,
    validationCustomers: split.VALIDATION.length,
    holdoutCustomers: holdout.length,
    holdoutChurnRate: labels.reduce((s, v) => s + v, 0) / labels.length,
    model: metricsOf(
      holdout.map((c) => scoreCustomer(model, c.row).probability),
      labels,
    ),
    recencyBaseline: metricsOf(
      holdout.map((c) => c.row.recency_days),
      labels,
    ),
    bgNbdBaseline: notAlive.every(Number.isFinite) ? metricsOf(notAlive, labels) : null,
    bgNbdStatus: bgStatuses.join(', '),
    snapshots: bgStatuses.length,
  };
  return { model, metrics };
}

/**
 * The FIT_CHURN_MODEL job: trains on the split ending at asOf, scores every consenting customer as of
 * asOf, and stores the model, its metrics and the scores as a new version in one transaction.
 */
export async function fitChurnModel(
  db: Kysely<OrdersDatabase>,
  asOf: Date,
  horizonDays: number,
  fittedAt = new Date(),
  job?: { progress(fraction: number): void; signal: AbortSignal },
): Promise<ChurnModelRow> {
  await checkAsOfWithinOrders(db, new Date(asOf.getTime() - horizonDays * DAY_MS));
  const { model, metrics } = await trainChurnModel(db, asOf, horizonDays);
  job?.progress(0.5);
  job?.signal.throwIfAborted();
  const { rows, excluded } = await customerFeatures(db, asOf, horizonDays);
  const scores: Omit<NewChurnScoreRow, 'model_version'>[] = rows.map((row) => {
    const { probability, factors } = scoreCustomer(model, row);
    return {
      customer_id: row.customer_id,
      probability,
      band: bandOf(probability, model.bands),
      factors: JSON.stringify(factors),
    };
  });
  job?.progress(0.8);
  job?.signal.throwIfAborted();
  return insertChurnModel(
    db,
    {
      fitted_at: fittedAt,
      as_of: asOf,
      horizon_days: horizonDays,
      cutoff: new Date(asOf.getTime() - horizonDays * DAY_MS),
      model: JSON.stringify(model),
      metrics: JSON.stringify(metrics),
      scored_customers: scores.length,
      excluded_customers: excluded,
    },
    scores,
  );
}
