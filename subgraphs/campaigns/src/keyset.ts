// The sort key of every list in this domain: a timestamp, newest first, with the id as tie-breaker.
import { BadUserInputError } from '../../../shared/errors.js';
import { decodeCursor } from '../../../shared/pagination.js';

/** The last row of a page, as `(timestamp, id)`; the next page holds rows strictly before it. */
export interface TimeKey {
  at: Date;
  id: string;
}

/** Cursor parts of a row: ISO timestamp and id. */
export function timeKeyParts(at: Date, id: string): [string, string] {
  return [at.toISOString(), id];
}

/** Decodes an `after` cursor into a TimeKey; anything that is not one of ours is a BAD_USER_INPUT. */
export function decodeTimeKey(after: string | null | undefined): TimeKey | undefined {
  const parts = decodeCursor(after, 2);
  if (!parts) return undefined;
  const [at, id] = parts;
  const date = typeof at === 'string' ? new Date(at) : new Date(NaN);
  if (typeof id !== 'string' || Number.isNaN(date.getTime())) {
    throw new BadUserInputError('after is not a valid cursor', { argumentName: 'after' });
  }
  return { at: date, id };
}
