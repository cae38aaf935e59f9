// Sort keys of this domain's lists, newest first: customers by (created_at, id), consent records by
// (captured_at, seq). A cursor is the key of the last row of a page; the next page holds rows strictly before it.
import { BadUserInputError } from '../../../shared/errors.js';
import { decodeCursor } from '../../../shared/pagination.js';

export interface TimeKey<Id extends string | number> {
  at: Date;
  id: Id;
}

export function timeKeyParts<Id extends string | number>(at: Date, id: Id): [string, Id] {
  return [at.toISOString(), id];
}

function decodeTimeKey(after: string | null | undefined, idType: 'string' | 'number'): TimeKey<string | number> | undefined {
  const parts = decodeCursor(after, 2);
  if (!parts) return undefined;
  const [at, id] = parts;
  const date = typeof at === 'string' ? new Date(at) : new Date(NaN);
  if (typeof id !== idType || Number.isNaN(date.getTime())) {
    throw new BadUserInputError('after is not a valid cursor', { argumentName: 'after' });
  }
  return { at: date, id };
}

/** Decodes a customers(after:) cursor. */
export function decodeCustomerKey(after: string | null | undefined): TimeKey<string> | undefined {
  return decodeTimeKey(after, 'string') as TimeKey<string> | undefined;
}

/** Decodes a consentHistory(after:) cursor. */
export function decodeConsentKey(after: string | null | undefined): TimeKey<number> | undefined {
  return decodeTimeKey(after, 'number') as TimeKey<number> | undefined;
}
