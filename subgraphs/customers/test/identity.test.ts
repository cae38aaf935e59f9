import { describe, expect, it } from 'vitest';
import { normalizeSource } from '../src/consents.js';
import { normalizeCustomerId, profileChanges, validateBirthDate, validateCountry } from '../src/customers.js';
import {
  normalizeDeviceId,
  normalizeEmail,
  normalizeIdentity,
  normalizeLoyaltyId,
  normalizePhone,
} from '../src/identity.js';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (err) {
    return (err as { extensions?: { code?: string } }).extensions?.code;
  }
  return undefined;
};

describe('normalizeEmail', () => {
  it('trims and lower-cases', () => {
    expect(normalizeEmail('  Ava.Adler@Example.COM ')).toBe('ava.adler@example.com');
    expect(normalizeEmail('a+tag@sub.example.co.uk')).toBe('a+tag@sub.example.co.uk');
  });

  it.each([
    '',
    '   ',
    'ava',
    'ava@example',
    '@example.com',
    'ava@@example.com',
    'a va@example.com',
    `${'a'.repeat(250)}@example.com`,
  ])('rejects %j with BAD_USER_INPUT', (value) => {
    expect(codeOf(() => normalizeEmail(value))).toBe('BAD_USER_INPUT');
  });
});

describe('normalizePhone', () => {
  it('strips spaces, dashes and parentheses and keeps the leading +', () => {
    expect(normalizePhone(' +49 (151) 123-456 78 ')).toBe('+4915112345678');
    expect(normalizePhone('+1 415-555-0100')).toBe('+14155550100');
  });

  it('turns a leading 00 into +', () => {
    expect(normalizePhone('0049 151 12345678')).toBe('+4915112345678');
  });

  it('accepts 8 to 15 digits after the +', () => {
    expect(normalizePhone('+12345678')).toBe('+12345678');
    expect(normalizePhone('+123456789012345')).toBe('+123456789012345');
  });

  it.each([
    '',
    '4915112345678',
    '015112345678',
    '+1234567',
    '+1234567890123456',
    '+49 151 abc',
    '+49.151.1234567',
    '++4915112345678',
  ])('rejects %j with BAD_USER_INPUT', (value) => {
    expect(codeOf(() => normalizePhone(value))).toBe('BAD_USER_INPUT');
  });
});

describe('loyalty and device ids', () => {
  it('trims both and upper-cases loyalty ids only', () => {
    expect(normalizeLoyaltyId('  loy-00000042 ')).toBe('LOY-00000042');
    expect(normalizeDeviceId('  idfa-AbC-123 ')).toBe('idfa-AbC-123');
  });

  it('rejects empty and overlong ids', () => {
    expect(codeOf(() => normalizeLoyaltyId('   '))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => normalizeDeviceId(''))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => normalizeDeviceId('x'.repeat(201)))).toBe('BAD_USER_INPUT');
  });

  it('normalizeIdentity dispatches on the type', () => {
    expect(normalizeIdentity('EMAIL', ' A@B.DE ')).toBe('a@b.de');
    expect(normalizeIdentity('PHONE', '0033 1 23 45 67 89')).toBe('+33123456789');
    expect(normalizeIdentity('LOYALTY_ID', 'vip-7')).toBe('VIP-7');
    expect(normalizeIdentity('DEVICE_ID', ' dev-Xy ')).toBe('dev-Xy');
  });
});

describe('profile validation', () => {
  const today = new Date('2026-11-22T12:00:00Z');

  it('accepts two upper-case letters as a country', () => {
    expect(validateCountry('DE')).toBe('DE');
    expect(validateCountry(' FR ')).toBe('FR');
    expect(validateCountry(null)).toBeNull();
    for (const bad of ['de', 'DEU', 'D', '', '1A']) expect(codeOf(() => validateCountry(bad))).toBe('BAD_USER_INPUT');
  });

  it('accepts real, past birth dates in YYYY-MM-DD', () => {
    expect(validateBirthDate('1990-05-17', today)).toBe('1990-05-17');
    expect(validateBirthDate('2024-02-29', today)).toBe('2024-02-29');
    expect(validateBirthDate('2026-11-22', today)).toBe('2026-11-22');
    for (const bad of [
      '1990-5-17',
      '17.05.1990',
      '2023-02-29',
      '1990-13-01',
      '1990-04-31',
      '2026-11-23',
      '0000-01-01',
    ]) {
      expect(codeOf(() => validateBirthDate(bad, today))).toBe('BAD_USER_INPUT');
    }
  });

  it('trims names and cities, turns blanks into null, and leaves absent fields out', () => {
    expect(profileChanges({ firstName: '  Ava ', lastName: '   ', city: null }, today)).toEqual({
      first_name: 'Ava',
      last_name: null,
      city: null,
    });
    expect(profileChanges({}, today)).toEqual({});
    expect(codeOf(() => profileChanges({ city: 'x'.repeat(201) }, today))).toBe('BAD_USER_INPUT');
  });

  it('checks customer ids and consent sources', () => {
    expect(normalizeCustomerId('  cus-1 ')).toBe('cus-1');
    expect(codeOf(() => normalizeCustomerId('  '))).toBe('BAD_USER_INPUT');
    expect(normalizeSource(' checkout ')).toBe('checkout');
    expect(codeOf(() => normalizeSource('  '))).toBe('BAD_USER_INPUT');
  });
});
