// Exact money for the API: amounts travel as integer minor units (cents) inside the services and as
// a decimal string with its currency on the wire. A division (an average) is the only place an
// amount is rounded, once, half-even (banker's rounding), on integers, so no float ever decides a cent.

/** A decimal amount with its ISO 4217 currency, e.g. { amount: "34.00", currency: "EUR" }. */
export interface Money {
  amount: string;
  currency: string;
}

/** Minor units per major unit; every currency this mesh records has two decimals. */
const MINOR_UNITS = 100n;

/** The cents of a two-decimal amount read from a numeric(12,2) column (a JS number): exact, since such values round-trip through a double. */
export function toCents(amount: number | string): bigint {
  return BigInt(Math.round(Number(amount) * 100));
}

/** The cents of a decimal string with at most two decimals (e.g. a numeric sum cast to text), exactly, however large. */
export function decimalToCents(decimal: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(decimal.trim());
  if (!match) throw new Error(`not a two-decimal amount: ${decimal}`);
  const cents = BigInt(match[2]!) * MINOR_UNITS + BigInt((match[3] ?? '').padEnd(2, '0'));
  return match[1] ? -cents : cents;
}

/** Formats cents as a decimal string with two decimals, e.g. 3400n → "34.00", -5n → "-0.05". */
export function formatCents(cents: bigint): string {
  const sign = cents < 0n ? '-' : '';
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / MINOR_UNITS}.${String(abs % MINOR_UNITS).padStart(2, '0')}`;
}

export function money(cents: bigint, currency: string): Money {
  return { amount: formatCents(cents), currency };
}

/** cents / divisor rounded half-even: 31852.5 → 31852, 31853.5 → 31854 (divisor > 0). */
export function divideHalfEven(cents: bigint, divisor: bigint): bigint {
  const quotient = cents / divisor;
  const remainder = cents % divisor;
  const twice = 2n * (remainder < 0n ? -remainder : remainder);
  if (twice < divisor) return quotient;
  const away = cents < 0n ? quotient - 1n : quotient + 1n;
  if (twice > divisor) return away;
  return quotient % 2n === 0n ? quotient : away;
}

/** The currency an amount has when its writer names none. */
export const DEFAULT_CURRENCY = 'EUR';

/** An ISO 4217 code: three uppercase letters (EUR, USD). */
export function isCurrencyCode(code: string): boolean {
  return /^[A-Z]{3}$/.test(code);
}
