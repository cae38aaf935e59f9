import { BadUserInputError } from './errors.js';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** Validates a connection's `first` argument against the bounded page size. */
export function pageSize(first: number | null | undefined, max = MAX_PAGE_SIZE): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(size) || size < 0 || size > max) {
    throw new BadUserInputError(`first must be an integer between 0 and ${max}`, { argumentName: 'first', max });
  }
  return size;
}

/** Encodes a cursor (the sort key of the last row) as an opaque string. */
export function encodeCursor(key: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** Decodes a cursor made by `encodeCursor`; a malformed one is a BAD_USER_INPUT. */
export function decodeCursor(cursor: string | null | undefined, arity: number): (string | number)[] | undefined {
  if (cursor === null || cursor === undefined) return undefined;
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(key) &&
      key.length === arity &&
      key.every((part) => typeof part === 'string' || typeof part === 'number')
    ) {
      return key;
    }
  } catch {
    // fall through to the error below
  }
  throw new BadUserInputError('after is not a valid cursor', { argumentName: 'after' });
}

export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/**
 * Builds a connection from rows fetched with `limit first + 1`: the extra row only tells
 * whether another page exists and is not returned.
 */
export function toConnection<R, T>(
  rows: R[],
  first: number,
  cursorOf: (row: R) => readonly (string | number)[],
  toNode: (row: R) => T,
): Connection<T> {
  const page = rows.slice(0, first);
  const edges = page.map((row) => ({ cursor: encodeCursor(cursorOf(row)), node: toNode(row) }));
  return {
    edges,
    nodes: edges.map((edge) => edge.node),
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

/** The sort key of a newest-first list: a timestamp with an id (or sequence) as tie-breaker. */
export interface TimeKey<Id extends string | number = string> {
  at: Date;
  id: Id;
}

/** Cursor parts of a row sorted by (timestamp, id): the ISO timestamp and the id. */
export function timeKeyParts<Id extends string | number>(at: Date, id: Id): [string, Id] {
  return [at.toISOString(), id];
}

/** Decodes an `after` cursor made from `timeKeyParts`; anything else is a BAD_USER_INPUT. */
export function decodeTimeKey(after: string | null | undefined): TimeKey<string> | undefined;
export function decodeTimeKey(after: string | null | undefined, idType: 'number'): TimeKey<number> | undefined;
export function decodeTimeKey(
  after: string | null | undefined,
  idType: 'string' | 'number' = 'string',
): TimeKey<string | number> | undefined {
  const parts = decodeCursor(after, 2);
  if (!parts) return undefined;
  const [at, id] = parts;
  const date = typeof at === 'string' ? new Date(at) : new Date(NaN);
  if (typeof id !== idType || Number.isNaN(date.getTime())) {
    throw new BadUserInputError('after is not a valid cursor', { argumentName: 'after' });
  }
  return { at: date, id };
}
