// Validation shared by orders and carts: keys, lines and amounts, with money kept in whole cents.
import { BadUserInputError } from '../../../shared/errors.js';
import { DEFAULT_CURRENCY, isCurrencyCode } from '../../../shared/money.js';

export const MAX_KEY_LENGTH = 200;
export const MAX_LINES = 500;
export const MAX_QUANTITY = 1_000_000;
/** The largest amount numeric(12,2) holds, in cents. */
export const MAX_CENTS = 999_999_999_999;

export interface LineInput {
  sku: string;
  quantity: number;
  unitPrice: number;
}

/** A validated line: trimmed sku, unit price in whole cents. */
export interface ValidLine {
  sku: string;
  quantity: number;
  unitPriceCents: number;
}

/** Trims a key of this or another domain (customer id, external id); empty or overlong is a BAD_USER_INPUT. */
export function normalizeKey(value: string, argumentName: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw new BadUserInputError(`${argumentName} must not be empty`, { argumentName });
  if (trimmed.length > MAX_KEY_LENGTH)
    throw new BadUserInputError(`${argumentName} must be at most ${MAX_KEY_LENGTH} characters`, { argumentName });
  return trimmed;
}

/** An amount in whole cents; negative, above numeric(12,2) or finer than a cent is a BAD_USER_INPUT. */
export function toCents(amount: number, argumentName: string): number {
  const cents = Math.round(amount * 100);
  if (!Number.isFinite(amount) || amount < 0 || cents > MAX_CENTS) {
    throw new BadUserInputError(`${argumentName} must be between 0 and ${MAX_CENTS / 100}`, { argumentName });
  }
  // Tolerates binary floating point (19.99 * 100 is 1998.9999999999998), rejects 19.999.
  if (Math.abs(amount * 100 - cents) > 1e-3)
    throw new BadUserInputError(`${argumentName} must not have more than two decimal places`, { argumentName });
  return cents;
}

/**
 * Validates lines and keeps their order. A sku may appear only once: a second line with the same sku
 * is rejected rather than merged, because two lines of one sku with different prices cannot be
 * merged without inventing a price, and analytics read an order as a set of skus.
 */
export function normalizeLines(lines: readonly LineInput[], options: { allowEmpty: boolean }): ValidLine[] {
  if (lines.length === 0 && !options.allowEmpty)
    throw new BadUserInputError('an order needs at least one line', { argumentName: 'lines' });
  if (lines.length > MAX_LINES)
    throw new BadUserInputError(`at most ${MAX_LINES} lines are allowed`, { argumentName: 'lines' });
  const seen = new Set<string>();
  return lines.map((line, index) => {
    const sku = line.sku.trim();
    if (!sku) throw new BadUserInputError(`lines[${index}].sku must not be empty`, { argumentName: 'lines', index });
    if (sku.length > MAX_KEY_LENGTH)
      throw new BadUserInputError(`lines[${index}].sku must be at most ${MAX_KEY_LENGTH} characters`, {
        argumentName: 'lines',
        index,
      });
    if (seen.has(sku))
      throw new BadUserInputError(`sku ${sku} appears in more than one line; send one line per sku`, {
        argumentName: 'lines',
        index,
        sku,
      });
    seen.add(sku);
    if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > MAX_QUANTITY) {
      throw new BadUserInputError(`lines[${index}].quantity must be a whole number between 1 and ${MAX_QUANTITY}`, {
        argumentName: 'lines',
        index,
      });
    }
    return { sku, quantity: line.quantity, unitPriceCents: toCents(line.unitPrice, `lines[${index}].unitPrice`) };
  });
}

/** Sum of quantity × unit price in cents; a total above numeric(12,2) is a BAD_USER_INPUT. */
export function totalCents(lines: readonly ValidLine[]): number {
  const total = lines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0);
  if (total > MAX_CENTS)
    throw new BadUserInputError(`the total must be at most ${MAX_CENTS / 100}`, { argumentName: 'lines' });
  return total;
}

/** ISO 4217 code: three uppercase letters; absent means EUR. */
export function normalizeCurrency(currency: string | null | undefined): string {
  if (currency === null || currency === undefined) return DEFAULT_CURRENCY;
  if (!isCurrencyCode(currency))
    throw new BadUserInputError('currency must be an ISO 4217 code of three uppercase letters, e.g. EUR', {
      argumentName: 'currency',
    });
  return currency;
}
