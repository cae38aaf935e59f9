// The breaking-change check behind `npm run schema:check`: the working tree's subgraph schemas,
// supergraph and event contracts against the same files on a git ref, with the recorded operations
// deciding whether a breaking GraphQL change fails the check or only warns.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { GraphQLSchema } from 'graphql';
import type { SchemaChange } from './changes.js';
import { compareEventContracts } from './event-contracts.js';
import { compareSchemas, subgraphSchemaOf, supergraphApiOf } from './graphql-changes.js';
import { coordinatesOf, type RecordedOperation, recordedOperations } from './operations.js';

export const SUPERGRAPH = 'supergraph.graphql';
const SUBGRAPH_SCHEMA = /^subgraphs\/[^/]+\/schema\.graphql$/;
const EVENT_CONTRACT = /^subgraphs\/[^/]+\/events\/[^/]+\.schema\.json$/;

/** A breaking change with the recorded operations that use what it changes. */
export interface CheckedChange extends SchemaChange {
  usedBy: RecordedOperation[];
}

export interface SchemaCheckReport {
  /** The ref compared with (`origin/main` when the default main was not found). */
  base: string;
  /** The commit compared with (the merge base of the ref and HEAD), abbreviated. */
  baseCommit: string;
  /** Files whose text differs from the base (added and removed ones included). */
  changedFiles: string[];
  changes: CheckedChange[];
  operations: number;
  /** Breaking changes that fail the check: used by an operation, or in an event contract. */
  failures: CheckedChange[];
}

function git(root: string, args: string[]): string {
  return execFileSync('git', ['-C', root, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * The commit to compare with: where HEAD left `ref` (their merge base), so that what landed on the
 * base since is not taken for this change's doing; `ref` itself when they share no history. The
 * default base `main` falls back to `origin/main` for a clone without a local main branch.
 */
function resolveBase(root: string, ref: string, explicit: boolean): { ref: string; commit: string } {
  const candidates = explicit ? [ref] : [ref, `origin/${ref}`];
  for (const candidate of candidates) {
    let tip: string;
    try {
      tip = git(root, ['rev-parse', '--verify', '--quiet', `${candidate}^{commit}`]).trim();
    } catch {
      continue; // not this one; try the next
    }
    try {
      return { ref: candidate, commit: git(root, ['merge-base', tip, 'HEAD']).trim() };
    } catch {
      return { ref: candidate, commit: tip };
    }
  }
  throw new Error(`git ref "${ref}" not found: pass --base <ref> or set SCHEMA_BASE_REF (e.g. origin/main)`);
}

/** The schema files of the check at `commit`: repository-relative path → text. */
function filesAtBase(root: string, commit: string): Map<string, string> {
  const listed = git(root, ['ls-tree', '-r', '--name-only', commit, '--', SUPERGRAPH, 'subgraphs'])
    .split('\n')
    .filter((file) => file === SUPERGRAPH || SUBGRAPH_SCHEMA.test(file) || EVENT_CONTRACT.test(file));
  return new Map(listed.map((file) => [file, git(root, ['show', `${commit}:${file}`])]));
}

/** The same files in the working tree. */
function filesInWorkingTree(root: string): Map<string, string> {
  const files = new Map<string, string>();
  if (fs.existsSync(path.join(root, SUPERGRAPH)))
    files.set(SUPERGRAPH, fs.readFileSync(path.join(root, SUPERGRAPH), 'utf8'));
  const subgraphs = path.join(root, 'subgraphs');
  if (!fs.existsSync(subgraphs)) return files;
  for (const file of fs.readdirSync(subgraphs, { recursive: true }) as string[]) {
    const relative = path.join('subgraphs', file).split(path.sep).join('/');
    if (SUBGRAPH_SCHEMA.test(relative) || EVENT_CONTRACT.test(relative)) {
      files.set(relative, fs.readFileSync(path.join(root, relative), 'utf8'));
    }
  }
  return files;
}

const only = (files: Map<string, string>, pattern: RegExp) =>
  new Map([...files].filter(([file]) => pattern.test(file)));

/** Compares the working tree at `root` with `base` and decides which breaking changes fail. */
export async function runSchemaCheck({
  root,
  base,
  explicitBase = true,
}: {
  root: string;
  base: string;
  /** False for the default base, which may also be found as origin/<base>. */
  explicitBase?: boolean;
}): Promise<SchemaCheckReport> {
  const { ref, commit } = resolveBase(root, base, explicitBase);
  const before = filesAtBase(root, commit);
  const after = filesInWorkingTree(root);
  const changedFiles = [...new Set([...before.keys(), ...after.keys()])]
    .filter((file) => before.get(file) !== after.get(file))
    .sort();
  const report: SchemaCheckReport = {
    base: ref,
    baseCommit: commit.slice(0, 12),
    changedFiles,
    changes: [],
    operations: 0,
    failures: [],
  };
  if (changedFiles.length === 0) return report;

  const changes: SchemaChange[] = [];
  // A subgraph (or the supergraph) new since the base has nobody relying on it yet: all safe. One
  // removed is diffed against nothing, so each of its types counts as removed.
  const compareFile = async (file: string, build: (sdl: string) => GraphQLSchema | null) => {
    const was = before.get(file);
    const is = after.get(file);
    if (was === undefined) return [{ severity: 'SAFE' as const, file, message: 'added since the base' }];
    return compareSchemas(file, build(was), is === undefined ? null : build(is));
  };
  for (const file of changedFiles.filter((name) => SUBGRAPH_SCHEMA.test(name))) {
    changes.push(...(await compareFile(file, subgraphSchemaOf)));
  }
  const baseApi = supergraphApiOf(before.get(SUPERGRAPH));
  if (changedFiles.includes(SUPERGRAPH)) changes.push(...(await compareFile(SUPERGRAPH, supergraphApiOf)));
  changes.push(...compareEventContracts(only(before, EVENT_CONTRACT), only(after, EVENT_CONTRACT)));

  // Operations are the working tree's (a change that also updates its operations passes), read
  // against the base's API schema, the one they were written for.
  const operations = baseApi ? recordedOperations(root) : [];
  const uses = operations.map((operation) => ({ operation, coordinates: coordinatesOf(baseApi!, operation.document) }));
  report.operations = operations.length;
  report.changes = changes.map((change) => {
    const coordinate = change.usedThrough ?? change.coordinate;
    const usedBy =
      change.severity === 'BREAKING' && coordinate && !EVENT_CONTRACT.test(change.file)
        ? uses
            .filter(({ coordinates }) => coordinates.has(coordinate))
            .map(({ operation }) => operation)
            // The manifest may hold one operation twice (the README's card query and the GraphiQL example).
            .filter(
              (operation, index, all) =>
                all.findIndex((other) => other.name === operation.name && other.source === operation.source) === index,
            )
        : [];
    return { ...change, usedBy };
  });
  report.failures = report.changes.filter(
    (change) => change.severity === 'BREAKING' && (change.usedBy.length > 0 || EVENT_CONTRACT.test(change.file)),
  );
  return report;
}

/** The report as the terminal shows it; breaking changes first, then dangerous, then safe. */
export function formatReport(report: SchemaCheckReport): string {
  const lines = [`schema:check against ${report.base} (${report.baseCommit}, where HEAD left it)`];
  if (report.changedFiles.length === 0) {
    lines.push('No schema, supergraph or event contract differs from the base: nothing to check.');
    return lines.join('\n');
  }
  lines.push(`Changed: ${report.changedFiles.join(', ')}`);
  lines.push(`Recorded operations read: ${report.operations}`);
  const order = { BREAKING: 0, DANGEROUS: 1, SAFE: 2 } as const;
  const sorted = [...report.changes].sort((a, b) => order[a.severity] - order[b.severity]);
  for (const change of sorted) {
    const where = `${change.file}${change.coordinate ? ` ${change.coordinate}` : ''}`;
    if (change.severity === 'BREAKING') {
      const failing = report.failures.includes(change);
      lines.push(`${failing ? 'FAIL' : 'WARNING'} BREAKING ${where}: ${change.message}`);
      if (change.usedBy.length > 0) {
        for (const operation of change.usedBy) lines.push(`    used by ${operation.name} (${operation.source})`);
      } else if (failing) {
        lines.push('    event consumers in other domains rely on it: publish a new version instead');
      } else {
        lines.push('    no recorded operation uses it');
      }
    } else {
      lines.push(`${change.severity} ${where}: ${change.message}`);
    }
  }
  const count = (severity: string) => report.changes.filter((change) => change.severity === severity).length;
  lines.push(
    `${count('BREAKING')} breaking (${report.failures.length} failing), ${count('DANGEROUS')} dangerous, ${count('SAFE')} safe`,
  );
  return lines.join('\n');
}
