// Identity normalization: the one place that decides how an email, phone or id is stored and looked up,
// so "Ava@Example.com " and "ava@example.com" are the same identity whether it is added or searched.
import { BadUserInputError } from '../../../shared/errors.js';
import { parseEmail, parsePhone } from '../../../shared/scalars.js';
import type { IdentityType } from './db/identity.table.js';

export const MAX_ID_LENGTH = 200;

function invalid(type: IdentityType, message: string): never {
  throw new BadUserInputError(message, { argumentName: 'value', identityType: type });
}

/** Trimmed and lower-cased; must look like an email. */
export function normalizeEmail(value: string): string {
  const email = value.trim().toLowerCase();
  try {
    return parseEmail(email);
  } catch {
    invalid('EMAIL', `"${value}" is not a valid email address`);
  }
}

/** E.164: spaces, dashes and parentheses removed, a leading 00 becomes +; then + and 8 to 15 digits (the Phone scalar's rule). */
export function normalizePhone(value: string): string {
  try {
    return parsePhone(value);
  } catch {
    invalid('PHONE', `"${value}" is not a valid phone number; expected + and 8 to 15 digits, e.g. +4915112345678`);
  }
}

function normalizeId(type: IdentityType, value: string): string {
  const id = value.trim();
  if (!id) invalid(type, `${type} must not be empty`);
  if (id.length > MAX_ID_LENGTH) invalid(type, `${type} must be at most ${MAX_ID_LENGTH} characters`);
  return id;
}

/** Trimmed and upper-cased. */
export function normalizeLoyaltyId(value: string): string {
  return normalizeId('LOYALTY_ID', value).toUpperCase();
}

/** Trimmed; device ids are opaque, so their case is kept. */
export function normalizeDeviceId(value: string): string {
  return normalizeId('DEVICE_ID', value);
}

/** Normalizes a value of any identity type; an invalid value is a BAD_USER_INPUT. */
export function normalizeIdentity(type: IdentityType, value: string): string {
  switch (type) {
    case 'EMAIL':
      return normalizeEmail(value);
    case 'PHONE':
      return normalizePhone(value);
    case 'LOYALTY_ID':
      return normalizeLoyaltyId(value);
    case 'DEVICE_ID':
      return normalizeDeviceId(value);
    default:
      throw new BadUserInputError(`Unknown identity type ${String(type)}`, { argumentName: 'type' });
  }
}
