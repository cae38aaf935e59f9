// Reading the access logs through the graph: `Query.auditTrail` (customers) names a filter as an
// AuditTrail entity, and every domain contributes the records it stores as a field of that entity,
// so one query reads all logs while each stays in its own database.
import { sql, type Kysely } from 'kysely';
import { contributedEntityResolvers } from '../contributed-entity.js';
import { BadUserInputError } from '../errors.js';
import type { AnyDatabase } from '../db.js';
import { decodeCursor, pageSize, toConnection } from '../pagination.js';
import { auditPseudonym, pseudonymKeyOf } from './recorder.js';

/** What a trail is filtered by; every part is optional. */
export interface TrailFilter {
  customerId?: string;
  subject?: string;
  from?: string;
  to?: string;
}

export const MAX_TRAIL_PAGE = 100;

export function trailId(filter: TrailFilter): string {
  const { customerId, subject, from, to } = filter;
  return Buffer.from(JSON.stringify({ customerId, subject, from, to }), 'utf8').toString('base64url');
}

export function trailFilter(id: string): TrailFilter {
  try {
    const parsed = JSON.parse(Buffer.from(id, 'base64url').toString('utf8')) as Record<string, unknown>;
    const filter: TrailFilter = {};
    for (const key of ['customerId', 'subject', 'from', 'to'] as const) {
      const value = parsed[key];
      if (typeof value === 'string') filter[key] = value;
      else if (value !== undefined && value !== null) throw new Error(key);
    }
    return filter;
  } catch {
    throw new BadUserInputError('not an audit trail id', { argumentName: 'id' });
  }
}

/** Query.auditTrail: checks the filter and names it. */
export function auditTrail(args: {
  customerId?: string | null;
  subject?: string | null;
  from?: Date | null;
  to?: Date | null;
}): { id: string } {
  if (args.from && args.to && args.from > args.to)
    throw new BadUserInputError('from must not be after to', { argumentName: 'from' });
  return {
    id: trailId({
      customerId: args.customerId ?? undefined,
      subject: args.subject ?? undefined,
      from: args.from?.toISOString(),
      to: args.to?.toISOString(),
    }),
  };
}

interface AccessRow {
  id: string | number;
  at: Date;
  kind: string;
  subject: string;
  operation_name: string;
  purpose: string | null;
  request_id: string | null;
  fields: string[];
  customer_refs: string[];
  customer_count: number;
}

/** One domain's records on a trail, newest first. */
export async function accessRecords(
  db: Kysely<AnyDatabase>,
  domain: string,
  trail: { id: string },
  args: { first?: number | null; after?: string | null },
) {
  const filter = trailFilter(trail.id);
  const first = pageSize(args.first, MAX_TRAIL_PAGE);
  const cursor = decodeCursor(args.after, 2);
  let query = db.selectFrom('access_log').selectAll();
  if (filter.customerId) {
    const ref = auditPseudonym(await pseudonymKeyOf(db), filter.customerId);
    query = query.where(sql<boolean>`customer_refs @> array[${ref}]::text[]`);
  }
  if (filter.subject) query = query.where('subject', '=', filter.subject);
  if (filter.from) query = query.where('at', '>=', new Date(filter.from));
  if (filter.to) query = query.where('at', '<', new Date(filter.to));
  if (cursor) {
    const [at, id] = cursor as [string, string];
    query = query.where(sql<boolean>`(at, id) < (${new Date(at)}, ${id}::bigint)`);
  }
  const rows = (await query
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(first + 1)
    .execute()) as AccessRow[];
  return toConnection(
    rows,
    first,
    (row) => [row.at.toISOString(), String(row.id)],
    (row) => ({
      domain,
      at: row.at,
      kind: row.kind,
      subject: row.subject,
      operationName: row.operation_name,
      purpose: row.purpose,
      requestId: row.request_id,
      fields: row.fields,
      customerRefs: row.customer_refs,
      customerCount: row.customer_count,
    }),
  );
}

/** The AuditTrail entity's resolvers in one domain, whose contribution is the field named after it. */
export function auditTrailResolvers(domain: string) {
  // The key is the filter: nothing to read.
  return contributedEntityResolvers(
    'AuditTrail',
    domain,
    (
      trail: { id: string },
      args: { first?: number | null; after?: string | null },
      context: { db: Kysely<AnyDatabase> },
    ) => accessRecords(context.db, domain, trail, args),
  );
}
