// The lifetime-value job (fitClvModel) and its read path (Customer.lifetimeValue).
import type { Kysely } from 'kysely';
import { checkAsOfWithinOrders } from './analytics.js';
import { BadUserInputError, MeshError } from '../../../shared/errors.js';
import {
  calibrationByFrequency,
  expectedPurchases,
  expectedSpendPerPurchase,
  fitBgNbd,
  fitGammaGamma,
  probabilityAlive,
  type CalibrationGroup,
  type FitStatus,
} from './clv.js';
import {
  countPurchasesBetween,
  findPurchaseSummaries,
  findRecentClvFits,
  insertClvModel,
  type PurchaseSummaryRow,
} from './db/clv.repository.js';
import type { ClvModelRow } from './db/clv.table.js';
import type { OrdersDatabase } from './db/database.js';

/** Fewer customers than this cannot identify four BG/NBD parameters. */
export const MIN_CUSTOMERS_TO_FIT = 20;
export const MAX_HORIZON_DAYS = 3650;
/** The calibration check holds out the last third of the observed span, at most this many weeks. */
export const MAX_HOLDOUT_WEEKS = 26;
const WEEK_MS = 7 * 86_400_000;

export interface ClvModel {
  fittedAt: Date;
  asOf: Date;
  customers: number;
  status: FitStatus;
  statusReason: string | null;
  bgNbd: {
    r: number;
    alpha: number;
    a: number;
    b: number;
    logLikelihood: number;
    status: FitStatus;
    iterations: number;
  };
  gammaGamma: {
    p: number;
    q: number;
    gamma: number;
    logLikelihood: number;
    customers: number;
    status: FitStatus;
    iterations: number;
  };
  calibration: { holdoutFrom: Date; holdoutWeeks: number; groups: CalibrationGroup[] } | null;
}

export function rowToClvModel(row: ClvModelRow): ClvModel {
  return {
    fittedAt: row.fitted_at,
    asOf: row.as_of,
    customers: row.customers,
    status: row.status,
    statusReason: row.status_reason,
    bgNbd: {
      r: row.r,
      alpha: row.alpha,
      a: row.a,
      b: row.b,
      logLikelihood: row.bg_log_likelihood,
      status: row.bg_status,
      iterations: row.bg_iterations,
    },
    gammaGamma: {
      p: row.p,
      q: row.q,
      gamma: row.gamma,
      logLikelihood: row.gg_log_likelihood,
      customers: row.gg_customers,
      status: row.gg_status,
      iterations: row.gg_iterations,
    },
    calibration:
      row.holdout_from && row.calibration
        ? {
            holdoutFrom: row.holdout_from,
            holdoutWeeks: (row.as_of.getTime() - row.holdout_from.getTime()) / WEEK_MS,
            groups: row.calibration,
          }
        : null,
  };
}

/**
 * Fits both models on the purchases up to asOf and stores the fit with its status. Only a CONVERGED
 * fit becomes the served model (clvModel, predictions); one that did not converge or ended at a
 * parameter bound is kept for inspection (clvModelFits) and the previous served model stays.
 */
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
  job?.progress(0.8);
  job?.signal.throwIfAborted();
  if (gg.customers < 2)
    throw new BadUserInputError(
      `fitting the spend model needs customers with repeat purchases (found ${gg.customers})`,
      { argumentName: 'asOf' },
    );
  // Every stored number is served as a GraphQL Float, which cannot be ±∞ or NaN.
  if (![bg.logLikelihood, gg.logLikelihood].every(Number.isFinite))
    throw new BadUserInputError('the purchases up to asOf give the lifetime-value model no finite likelihood', {
      argumentName: 'asOf',
    });
  const status = bg.status !== 'CONVERGED' ? bg.status : gg.status;
  const statusReason =
    [bg.reason && `BG/NBD: ${bg.reason}`, gg.reason && `Gamma-Gamma: ${gg.reason}`].filter(Boolean).join('; ') || null;
  const check = await calibrationCheck(
    db,
    asOf,
    summaries.reduce((max, s) => Math.max(max, s.T), 0),
  );
  job?.progress(0.95);
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
    status,
    status_reason: statusReason,
    bg_status: bg.status,
    bg_iterations: bg.iterations,
    gg_status: gg.status,
    gg_iterations: gg.iterations,
    holdout_from: check?.holdoutFrom ?? null,
    calibration: check ? JSON.stringify(check.groups) : null,
  });
  return rowToClvModel(row);
}

/**
 * The calibration/holdout check: BG/NBD fitted again on the purchases before holdoutFrom only, its
 * predictions for the holdout period (holdoutFrom, asOf] compared with what the customers then did.
 * Null when the shorter period cannot identify the model (too few customers, or no converged fit).
 */
async function calibrationCheck(
  db: Kysely<OrdersDatabase>,
  asOf: Date,
  observedWeeks: number,
): Promise<{ holdoutFrom: Date; groups: CalibrationGroup[] } | null> {
  const holdoutWeeks = Math.min(MAX_HOLDOUT_WEEKS, Math.floor(observedWeeks / 3));
  if (holdoutWeeks < 1) return null;
  const holdoutFrom = new Date(asOf.getTime() - holdoutWeeks * WEEK_MS);
  const calibration = (await findPurchaseSummaries(db, holdoutFrom)).map(toSummary);
  if (calibration.length < MIN_CUSTOMERS_TO_FIT) return null;
  const fit = fitBgNbd(calibration);
  if (fit.status !== 'CONVERGED') return null;
  const holdout = await countPurchasesBetween(db, holdoutFrom, asOf);
  const customers = calibration.map((c) => ({ ...c, holdoutPurchases: holdout.get(c.customerId) ?? 0 }));
  const groups = calibrationByFrequency(fit, customers, holdoutWeeks);
  const finite = groups.every((g) => Number.isFinite(g.predictedPurchases) && Number.isFinite(g.actualPurchases));
  return finite ? { holdoutFrom, groups } : null;
}

export function toSummary(row: PurchaseSummaryRow) {
  return { customerId: row.customer_id, x: row.x, tx: row.tx, T: row.t_cal, meanRepeatValue: row.mean_repeat_value };
}

/** The most recent fits of any status (first: 1 to 100, default 10). */
export async function recentClvFits(db: Kysely<OrdersDatabase>, first: number | null | undefined): Promise<ClvModel[]> {
  const count = first ?? 10;
  if (!Number.isInteger(count) || count < 1 || count > 100)
    throw new BadUserInputError('first must be an integer between 1 and 100', { argumentName: 'first' });
  return (await findRecentClvFits(db, count)).map(rowToClvModel);
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
  const alive = probabilityAlive(model.bgNbd, s);
  // GraphQL cannot serialize ±∞ or NaN: a prediction that is not a finite number is an error, never a value.
  if (![purchases, spend, alive].every(Number.isFinite))
    throw new MeshError(
      'INTERNAL_SERVER_ERROR',
      `the lifetime-value model fitted at ${model.fittedAt.toISOString()} gives no finite prediction for customer ${summary.customer_id}`,
    );
  return {
    horizonDays,
    expectedPurchases: purchases,
    probabilityAlive: alive,
    expectedSpendPerPurchase: spend,
    expectedValue: purchases * spend,
    modelFittedAt: model.fittedAt,
  };
}
