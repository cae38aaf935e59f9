import { describe, expect, it } from 'vitest';
import { encodeCursor } from '../../../shared/pagination.js';
import { assertSchedule, normalizeName, normalizePromotedSkus, validateBudget } from '../src/campaigns.js';
import { decodeTimeKey, timeKeyParts } from '../../../shared/pagination.js';
import { normalizeCustomerId } from '../src/touchpoints.js';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { extensions?: { code?: string } }).extensions?.code;
  }
  return undefined;
};

describe('campaign validation', () => {
  it('trims names and bounds their length', () => {
    expect(normalizeName('  Summer Sale ')).toBe('Summer Sale');
    expect(normalizeName('x'.repeat(200))).toHaveLength(200);
    expect(codeOf(() => normalizeName(' \t '))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => normalizeName('x'.repeat(201)))).toBe('BAD_USER_INPUT');
  });

  it('accepts budgets from 0 to the numeric(12,2) maximum', () => {
    expect(validateBudget(0)).toBe(0);
    expect(validateBudget(null)).toBeNull();
    expect(validateBudget(9_999_999_999.99)).toBe(9_999_999_999.99);
    expect(codeOf(() => validateBudget(-0.01))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => validateBudget(10_000_000_000))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => validateBudget(Number.NaN))).toBe('BAD_USER_INPUT');
  });

  it('keeps the order of promoted skus and rejects empty or repeated ones', () => {
    expect(normalizePromotedSkus([' B', 'A ', 'C'])).toEqual(['B', 'A', 'C']);
    expect(normalizePromotedSkus([])).toEqual([]);
    expect(codeOf(() => normalizePromotedSkus(['A', ' A']))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => normalizePromotedSkus(['A', '']))).toBe('BAD_USER_INPUT');
    expect(normalizePromotedSkus(Array.from({ length: 100 }, (_, i) => `S${i}`))).toHaveLength(100);
    expect(codeOf(() => normalizePromotedSkus(Array.from({ length: 101 }, (_, i) => `S${i}`)))).toBe('BAD_USER_INPUT');
  });

  it('requires a schedule to end after it starts when both ends are set', () => {
    const day = (d: number) => new Date(Date.UTC(2026, 0, d));
    expect(() => assertSchedule(day(1), day(2))).not.toThrow();
    expect(() => assertSchedule(null, day(2))).not.toThrow();
    expect(() => assertSchedule(day(1), null)).not.toThrow();
    expect(codeOf(() => assertSchedule(day(2), day(2)))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => assertSchedule(day(3), day(2)))).toBe('BAD_USER_INPUT');
  });

  it('checks a customer key by shape only', () => {
    expect(normalizeCustomerId(' cus-1 ')).toBe('cus-1');
    expect(codeOf(() => normalizeCustomerId(''))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => normalizeCustomerId('x'.repeat(201)))).toBe('BAD_USER_INPUT');
  });
});

describe('time keys', () => {
  it('round-trips through a cursor', () => {
    const at = new Date('2026-03-04T05:06:07.089Z');
    expect(decodeTimeKey(encodeCursor(timeKeyParts(at, 'tp-1')))).toEqual({ at, id: 'tp-1' });
    expect(decodeTimeKey(null)).toBeUndefined();
    expect(decodeTimeKey(undefined)).toBeUndefined();
  });

  it('rejects cursors that are not time keys', () => {
    expect(codeOf(() => decodeTimeKey('%%%'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => decodeTimeKey(encodeCursor(['2026-01-01T00:00:00Z'])))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => decodeTimeKey(encodeCursor(['yesterday', 'tp-1'])))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => decodeTimeKey(encodeCursor(['2026-01-01T00:00:00Z', 1])))).toBe('BAD_USER_INPUT');
  });
});
