import { describe, expect, it } from 'vitest';
import { decimalToCents, divideHalfEven, formatCents, money, toCents } from './money.js';

describe('money', () => {
  it('reads two-decimal amounts into exact cents and formats them back', () => {
    expect(toCents(19.99)).toBe(1999n);
    expect(toCents(0.1 + 0.2)).toBe(30n);
    expect(toCents('34.000000000000014')).toBe(3400n);
    expect(formatCents(3400n)).toBe('34.00');
    expect(formatCents(-5n)).toBe('-0.05');
    expect(formatCents(999999999999n)).toBe('9999999999.99');
    expect(decimalToCents('123456789012345.6')).toBe(12345678901234560n);
    expect(decimalToCents('0')).toBe(0n);
    expect(money(6007n, 'EUR')).toEqual({ amount: '60.07', currency: 'EUR' });
  });

  it('rounds a division once, half-even', () => {
    expect(divideHalfEven(127411n, 4n)).toBe(31853n); // 318.5275 → 318.53 (a float average gave 318.52)
    expect(divideHalfEven(5n, 2n)).toBe(2n); // 2.5 → 2
    expect(divideHalfEven(7n, 2n)).toBe(4n); // 3.5 → 4
    expect(divideHalfEven(10n, 3n)).toBe(3n);
    expect(divideHalfEven(20n, 3n)).toBe(7n);
    expect(divideHalfEven(-7n, 2n)).toBe(-4n);
  });
});
