// Data quality as each domain measures it on its own data (the data mesh's promise that a domain's
// data product can be trusted): completeness, validity, uniqueness and freshness checks, plus the
// freshness of what the domain consumes from others. `Query.dataQuality` (customers) names the one
// report, and every domain contributes its part as a field of the DataQuality entity.
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { contributedEntityResolvers } from './contributed-entity.js';
import type { AnyDatabase } from './db.js';

export type QualityDimension = 'COMPLETENESS' | 'VALIDITY' | 'UNIQUENESS' | 'FRESHNESS';

/** One check: how many rows it looked at and how many fail it. */
export interface QualityCheckDefinition {
  name: string;
  dimension: QualityDimension;
  description: string;
  /** One row with `checked` and `failing` counts. */
  query: RawBuilder<{ checked: number | string; failing: number | string }>;
}

export interface DomainQualityDefinition {
  /** The domain's main table and the column of its last change, for rows and lastChangeAt. */
  rows: { table: string; changedAt: string };
  checks: QualityCheckDefinition[];
}

/** A report is cached this long: the counts scan whole tables, so a dashboard's refreshes must not. */
export const QUALITY_CACHE_MS = 60_000;

async function measure(db: Kysely<AnyDatabase>, domain: string, definition: DomainQualityDefinition) {
  const measuredAt = new Date();
  const { table, changedAt } = definition.rows;
  const size = await sql<{ rows: string | number; last: Date | null }>`
    select count(*) as rows, max(${sql.ref(changedAt)}) as last from ${sql.table(table)}`.execute(db);
  const checks = [];
  for (const check of definition.checks) {
    const [row] = (await check.query.execute(db)).rows;
    const checked = Number(row?.checked ?? 0);
    const failing = Number(row?.failing ?? 0);
    checks.push({
      name: check.name,
      dimension: check.dimension,
      description: check.description,
      checked,
      failing,
      passingRatio: checked === 0 ? 1 : Math.round(((checked - failing) / checked) * 10_000) / 10_000,
    });
  }
  const consumers = await sql<{
    consumer: string;
    producer: string;
    position: string | number;
    updated_at: Date;
    dead_letters: string | number;
  }>`
    select p.consumer, p.producer, p.position, p.updated_at,
      (select count(*) from dead_letters d where d.consumer = p.consumer and d.producer = p.producer) as dead_letters
    from consumer_positions p order by p.consumer, p.producer`.execute(db);
  return {
    domain,
    measuredAt,
    rows: Number(size.rows[0]?.rows ?? 0),
    lastChangeAt: size.rows[0]?.last ?? null,
    checks,
    consumers: consumers.rows.map((row) => ({
      consumer: row.consumer,
      producer: row.producer,
      position: Number(row.position),
      lastAppliedAt: row.updated_at,
      secondsSinceLastApplied: Math.max(0, Math.round((measuredAt.getTime() - row.updated_at.getTime()) / 1000)),
      deadLetters: Number(row.dead_letters),
    })),
  };
}

/** Query.dataQuality: there is one report. */
export const dataQualityRoot = () => ({ id: 'mesh' });

/** The DataQuality entity's resolvers in one domain, whose contribution is the field named after it. */
export function dataQualityResolvers(domain: string, definition: DomainQualityDefinition) {
  const cache = new WeakMap<Kysely<AnyDatabase>, { at: number; report: ReturnType<typeof measure> }>();
  return contributedEntityResolvers(
    'DataQuality',
    domain,
    (_: unknown, __: unknown, context: { db: Kysely<AnyDatabase> }) => {
      const cached = cache.get(context.db);
      if (cached && Date.now() - cached.at < QUALITY_CACHE_MS) return cached.report;
      const report = measure(context.db, domain, definition);
      report.catch(() => cache.delete(context.db));
      cache.set(context.db, { at: Date.now(), report });
      return report;
    },
  );
}

/** A check over one table: rows matching `where` fail. */
export function countCheck(
  name: string,
  dimension: QualityDimension,
  description: string,
  table: string,
  failingWhen: RawBuilder<unknown>,
): QualityCheckDefinition {
  return {
    name,
    dimension,
    description,
    query: sql`select count(*) as checked, count(*) filter (where ${failingWhen}) as failing from ${sql.table(table)}`,
  };
}

/** Rows that share `key` with another row of `table` fail (one group-by, no self-join). */
export function duplicateCheck(
  name: string,
  description: string,
  table: string,
  key: RawBuilder<unknown>,
  where: RawBuilder<unknown> = sql`true`,
): QualityCheckDefinition {
  return {
    name,
    dimension: 'UNIQUENESS',
    description,
    query: sql`select (select count(*) from ${sql.table(table)}) as checked, coalesce(sum(n), 0) as failing
      from (select count(*) as n from ${sql.table(table)} where ${where} group by ${key} having count(*) > 1) groups`,
  };
}
