// Compares an event contract (JSON Schema written by `npm run events`) with its base version, from a
// consumer's side: consumers in other domains read these payloads, so whatever they could rely on
// and no longer can is breaking (a property removed, a type changed, a required property made
// optional); what they may not handle yet is dangerous (a new enum value, a changed constraint).
import type { SchemaChange, Severity } from './changes.js';

type JsonSchema = Record<string, unknown>;

/** Keywords that say what kind of value a property holds; any difference is a changed type. */
const TYPE_KEYWORDS = ['type', 'const', 'anyOf', 'oneOf', 'allOf', 'not', '$ref'] as const;
/** Keywords that narrow the values of a type; a difference may surprise a consumer. */
const CONSTRAINT_KEYWORDS = [
  'format',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'multipleOf',
  'additionalProperties',
] as const;

const asSchema = (value: unknown): JsonSchema =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as JsonSchema) : {};

/** A keyword's value in a comparable form: type lists compare as sets. */
function canonical(keyword: string, value: unknown): string {
  if (keyword === 'type' && Array.isArray(value)) return JSON.stringify([...value].sort());
  return JSON.stringify(value ?? null);
}

/** The differences between two versions of one contract file. */
export function compareEventContract(file: string, base: JsonSchema, current: JsonSchema): SchemaChange[] {
  const changes: SchemaChange[] = [];
  const report = (severity: Severity, coordinate: string, message: string) =>
    changes.push({ severity, file, coordinate, message });

  function compare(path: string, before: JsonSchema, after: JsonSchema): void {
    const typeChanged = TYPE_KEYWORDS.filter(
      (keyword) => canonical(keyword, before[keyword]) !== canonical(keyword, after[keyword]),
    );
    if (typeChanged.length > 0) {
      const shown = (schema: JsonSchema) =>
        JSON.stringify(Object.fromEntries(typeChanged.map((keyword) => [keyword, schema[keyword]])));
      report('BREAKING', path, `type of ${path} changed from ${shown(before)} to ${shown(after)}`);
      return;
    }
    for (const keyword of CONSTRAINT_KEYWORDS) {
      if (canonical(keyword, before[keyword]) !== canonical(keyword, after[keyword])) {
        report(
          'DANGEROUS',
          path,
          `${keyword} of ${path} changed from ${canonical(keyword, before[keyword])} to ${canonical(keyword, after[keyword])}`,
        );
      }
    }
    if (Array.isArray(before.enum) || Array.isArray(after.enum)) {
      const was = new Set((before.enum as unknown[] | undefined)?.map(String));
      const is = new Set((after.enum as unknown[] | undefined)?.map(String));
      for (const value of is) if (!was.has(value)) report('DANGEROUS', path, `${path} may now be ${value}`);
      for (const value of was) if (!is.has(value)) report('SAFE', path, `${path} is no longer ${value}`);
    }
    if (before.items || after.items) compare(`${path}[]`, asSchema(before.items), asSchema(after.items));

    const beforeProperties = asSchema(before.properties);
    const afterProperties = asSchema(after.properties);
    const wasRequired = new Set((before.required as string[] | undefined) ?? []);
    const isRequired = new Set((after.required as string[] | undefined) ?? []);
    const child = (name: string) => (path ? `${path}.${name}` : name);
    for (const name of Object.keys(beforeProperties)) {
      if (!(name in afterProperties)) {
        report('BREAKING', child(name), `property ${child(name)} was removed`);
        continue;
      }
      if (wasRequired.has(name) && !isRequired.has(name)) {
        report('BREAKING', child(name), `property ${child(name)} is no longer required`);
      }
      compare(child(name), asSchema(beforeProperties[name]), asSchema(afterProperties[name]));
    }
    for (const name of Object.keys(afterProperties)) {
      if (!(name in beforeProperties)) report('SAFE', child(name), `property ${child(name)} was added`);
    }
  }

  compare('', base, current);
  return changes;
}

/** `subgraphs/orders/events/OrderRecorded.v1.schema.json` → `{ type: 'OrderRecorded', version: 1 }`. */
function contractOf(file: string): { folder: string; type: string; version: number } | undefined {
  const match = /^(.*)\/([^/]+)\.v(\d+)\.schema\.json$/.exec(file);
  return match ? { folder: match[1], type: match[2], version: Number(match[3]) } : undefined;
}

/**
 * Compares every contract file of the base with the working tree's. A contract new since the base
 * is safe; one removed is breaking, unless a later version of the same event replaces it (retiring
 * v1 once v2 is published is the documented path, but its consumers must have moved: dangerous).
 */
export function compareEventContracts(base: Map<string, string>, current: Map<string, string>): SchemaChange[] {
  const changes: SchemaChange[] = [];
  for (const [file, text] of base) {
    const now = current.get(file);
    if (now === undefined) {
      const retired = contractOf(file);
      const successor =
        retired &&
        [...current.keys()].find((other) => {
          const contract = contractOf(other);
          return (
            contract?.folder === retired.folder && contract.type === retired.type && contract.version > retired.version
          );
        });
      changes.push(
        successor
          ? {
              severity: 'DANGEROUS',
              file,
              message: `contract removed; ${successor} replaces it: every consumer must have moved to it`,
            }
          : { severity: 'BREAKING', file, message: 'contract removed, and no later version of the event replaces it' },
      );
      continue;
    }
    if (now !== text) changes.push(...compareEventContract(file, JSON.parse(text), JSON.parse(now)));
  }
  for (const file of current.keys()) {
    if (!base.has(file)) changes.push({ severity: 'SAFE', file, message: 'contract added' });
  }
  return changes;
}
