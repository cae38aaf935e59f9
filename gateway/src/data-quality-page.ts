// The data-quality part of the catalogue page: each domain's own measurements (Query.dataQuality),
// read through the graph with the reader's token when the page is served, so the page shows what
// the query shows. The operation is derived from the served schema (one field per domain that
// contributes to DataQuality), and `npm run documents` registers the same text as a trusted
// document, so a reader with schema:read needs no `adhoc`.
import { isObjectType } from 'graphql';
import type { CatalogueBlock } from './catalogue.js';
import { apiSchemaOf } from './limits/schema.js';

let lastOperation: { sdl: string; text: string } | undefined;

/**
 * The operation the catalogue page runs: every domain's report, fields in a fixed order. Built once
 * per supergraph version (building the API schema is the costly part), not once per page view.
 */
export function dataQualityOperation(supergraphSdl: string): string {
  if (lastOperation?.sdl !== supergraphSdl)
    lastOperation = { sdl: supergraphSdl, text: buildDataQualityOperation(supergraphSdl) };
  return lastOperation.text;
}

function buildDataQualityOperation(supergraphSdl: string): string {
  const type = apiSchemaOf(supergraphSdl).getType('DataQuality');
  const domains = isObjectType(type) ? Object.keys(type.getFields()).filter((name) => name !== 'id') : [];
  return [
    'query CatalogueDataQuality {',
    `  dataQuality { ${domains.map((domain) => `${domain} { ...domainQuality }`).join(' ')} }`,
    '}',
    'fragment domainQuality on DomainQuality {',
    '  domain measuredAt rows lastChangeAt',
    '  checks { name dimension description checked failing passingRatio }',
    '  consumers { consumer producer position secondsSinceLastApplied deadLetters }',
    '}',
    '',
  ].join('\n');
}

interface DomainQualityReport {
  domain: string;
  measuredAt: string;
  rows: number;
  lastChangeAt: string | null;
  checks: {
    name: string;
    dimension: string;
    description: string;
    checked: number;
    failing: number;
    passingRatio: number;
  }[];
  consumers: {
    consumer: string;
    producer: string;
    position: number;
    secondsSinceLastApplied: number;
    deadLetters: number;
  }[];
}

interface QualityAnswer {
  data?: { dataQuality?: Record<string, DomainQualityReport | null> | null } | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[];
}

/** The page's data-quality section from the answer to dataQualityOperation (a domain that failed says so). */
export function dataQualityBlocks(answer: QualityAnswer): CatalogueBlock[] {
  const blocks: CatalogueBlock[] = [
    { kind: 'heading', level: 2, text: 'Data quality', id: 'data-quality' },
    {
      kind: 'paragraph',
      text: 'Measured by each domain on its own data when this page was served (cached by the domain for up to a minute); the same figures as Query.dataQuality.',
    },
  ];
  const reports = answer.data?.dataQuality ?? {};
  const failed = new Map<string, string>();
  for (const error of answer.errors ?? []) {
    const domain = typeof error.path?.[1] === 'string' ? error.path[1] : 'all domains';
    failed.set(domain, `${error.extensions?.code ?? 'ERROR'}: ${error.message}`);
  }
  for (const [domain, report] of Object.entries(reports)) {
    blocks.push({ kind: 'heading', level: 3, text: domain, id: `quality-${domain}` });
    if (!report) {
      blocks.push({ kind: 'paragraph', text: `Not available: ${failed.get(domain) ?? 'no answer'}` });
      continue;
    }
    blocks.push({
      kind: 'paragraph',
      text: `${report.rows} rows; last change ${report.lastChangeAt ?? 'never'}; measured ${report.measuredAt}.`,
    });
    blocks.push({
      kind: 'table',
      columns: ['check', 'dimension', 'checked', 'failing', 'passing', 'what it means'],
      rows: report.checks.map((check) => [
        check.name,
        check.dimension,
        String(check.checked),
        String(check.failing),
        `${(check.passingRatio * 100).toFixed(1)} %`,
        check.description,
      ]),
    });
    if (report.consumers.length > 0)
      blocks.push({
        kind: 'table',
        columns: ['consumer', 'reads events of', 'position', 'seconds since last applied', 'dead letters'],
        rows: report.consumers.map((consumer) => [
          consumer.consumer,
          consumer.producer,
          String(consumer.position),
          String(consumer.secondsSinceLastApplied),
          String(consumer.deadLetters),
        ]),
      });
  }
  if (Object.keys(reports).length === 0)
    blocks.push({
      kind: 'paragraph',
      text: `Not available: ${[...failed.values()].join('; ') || 'the graph gave no report'}`,
    });
  return blocks;
}
