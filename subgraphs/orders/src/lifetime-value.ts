// The lifetime-value job (fitClvModel) and its read path (Customer.lifetimeValue).
import type { Kysely } from 'kysely';
import { checkAsOfWithinOrders } from './analytics.js';
import { BadUserInputError } from '../../../shared/errors.js';
import { expectedPurchases, expectedSpendPerPurchase, fitBgNbd, fitGammaGamma, probabilityAlive } from './clv.js';
import { findPurchaseSummaries, insertClvModel, type PurchaseSummaryRow } from './db/clv.repository.js';
import type { ClvModelRow } from './db/clv.table.js';
import type { OrdersDatabase } from './db/database.js';

/** Fewer customers than this cannot identify four BG/NBD parameters. */
export const MIN_CUSTOMERS_TO_FIT = 20;
export const MAX_HORIZON_DAYS = 3650;

export interface ClvModel {
  fittedAt: Date;
  asOf: Date;
  customers: number;
  bgNbd: { r: number; alpha: number; a: number; b: number; logLikelihood: number };
  gammaGamma: { p: number; q: number; gamma: number; logLikelihood: number; customers: number };
}

export function rowToClvModel(row: ClvModelRow): ClvModel {
  return {
    fittedAt: row.fitted_at,
    asOf: row.as_of,
    customers: row.customers,
    bgNbd: { r: row.r, alpha: row.alpha, a: row.a, b: row.b, logLikelihood: row.bg_log_likelihood },
    gammaGamma: {
      p: row.p,
      q: row.q,
      gamma: row.gamma,
      logLikelihood: row.gg_log_likelihood,
      customers: row.gg_customers,
    },
  };
}

/** Fits both models on the purchases up to asOf and stores the parameters as the latest model. */
export async function fitClvModel(
  db: Kysely<OrdersDatabase>,
  asOf: Date,
  fittedAt = new Date(),
  job?: { progress(fraction: number): void; signal: AbortSignal },
): Promise<ClvModel> {
  await checkAsOfWithinOrders(db, asOf);
  const summaries = (await findPurchaseSummaries(db, asOf)).map(toSummary);
  job?.progress(0.2);
  if (summaries.length < MIN_CUSTOMERS_TO_FIT) {
    throw new BadUserInputError(
      `fitting the lifetime-value model needs at least ${MIN_CUSTOMERS_TO_FIT} customers with purchases up to asOf (found ${summaries.length})`,
      {
        argumentName: 'asOf',
      },
    );
  }
  // The fits are CPU-bound JavaScript: a cancel is honoured between them, not inside one.
  job?.signal.throwIfAborted();
  const bg = fitBgNbd(summaries);
  job?.progress(0.7);
  job?.signal.throwIfAborted();
  const gg = fitGammaGamma(summaries);
  job?.progress(0.9);
  job?.signal.throwIfAborted();
  if (gg.customers < 2)
    throw new BadUserInputError(
      `fitting the spend model needs customers with repeat purchases (found ${gg.customers})`,
      { argumentName: 'asOf' },
    );
  const row = await insertClvModel(db, {
    fitted_at: fittedAt,
    as_of: asOf,
    customers: summaries.length,
    r: bg.r,
    alpha: bg.alpha,
    a: bg.a,
    b: bg.b,
    bg_log_likelihood: bg.logLikelihood,
    p: gg.p,
    q: gg.q,
    gamma: gg.gamma,
    gg_log_likelihood: gg.logLikelihood,
    gg_customers: gg.customers,
  });
  return rowToClvModel(row);
}

export function toSummary(row: PurchaseSummaryRow) {
  return { x: row.x, tx: row.tx, T: row.t_cal, meanRepeatValue: row.mean_repeat_value };
}

export interface PredictedValue {
  horizonDays: number;
  expectedPurchases: number;
  probabilityAlive: number;
  expectedSpendPerPurchase: number;
  expectedValue: number;
  modelFittedAt: Date;
}

export function validateHorizon(horizonDays: number | null | undefined): number {
  const days = horizonDays ?? 365;
  if (!Number.isInteger(days) || days < 1 || days > MAX_HORIZON_DAYS) {
    throw new BadUserInputError(`horizonDays must be an integer between 1 and ${MAX_HORIZON_DAYS}`, {
      argumentName: 'horizonDays',
    });
  }
  return days;
}

/** A customer's predicted value over the horizon from a fitted model and their purchases up to now. */
export function predictValue(model: ClvModel, summary: PurchaseSummaryRow, horizonDays: number): PredictedValue {
  const s = toSummary(summary);
  const purchases = expectedPurchases(model.bgNbd, s, horizonDays / 7);
  const spend = expectedSpendPerPurchase(model.gammaGamma, s.x, s.meanRepeatValue);
  return {
    horizonDays,
    expectedPurchases: purchases,
    probabilityAlive: probabilityAlive(model.bgNbd, s),
    expectedSpendPerPurchase: spend,
    expectedValue: purchases * spend,
    modelFittedAt: model.fittedAt,
  };
}
