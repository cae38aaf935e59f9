import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSubgraphConfig, SUBGRAPH_NAMES } from '../shared/config.js';
import { ROOT } from '../gateway/src/compose.js';

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|js|mjs|cjs)$/.test(entry.name) ? [full] : [];
  });
}

const IMPORT =
  /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

describe('domain boundaries', () => {
  for (const name of SUBGRAPH_NAMES) {
    it(`no file under subgraphs/${name} imports another subgraph`, () => {
      const own = path.join(ROOT, 'subgraphs', name);
      const violations: string[] = [];
      for (const file of sourceFiles(own)) {
        const text = fs.readFileSync(file, 'utf8');
        for (const match of text.matchAll(IMPORT)) {
          const specifier = match[1] ?? match[2] ?? match[3];
          if (!specifier.startsWith('.')) continue;
          const target = path.resolve(path.dirname(file), specifier);
          const relative = path.relative(path.join(ROOT, 'subgraphs'), target);
          const targetDomain = relative.startsWith('..') ? undefined : relative.split(path.sep)[0];
          if (targetDomain && targetDomain !== name)
            violations.push(`${path.relative(ROOT, file)} imports ${specifier}`);
          // Service code never depends on tooling; a domain's tests may use the demo seeder.
          const inSource = path.relative(own, file).startsWith('src');
          if (inSource && path.relative(ROOT, target).startsWith('scripts'))
            violations.push(`${path.relative(ROOT, file)} imports ${specifier}`);
        }
        for (const other of SUBGRAPH_NAMES.filter((n) => n !== name)) {
          if (text.includes(`${other.toUpperCase()}_DATABASE_URL`))
            violations.push(`${path.relative(ROOT, file)} names ${other.toUpperCase()}_DATABASE_URL`);
        }
        if (!file.endsWith(path.join('src', 'index.ts')) && /process\.env/.test(text))
          violations.push(`${path.relative(ROOT, file)} reads process.env outside its entry point`);
      }
      expect(violations).toEqual([]);
    });

    it(`the ${name} configuration reads only its own database URL`, () => {
      const env = Object.fromEntries(
        SUBGRAPH_NAMES.map((other) => [`${other.toUpperCase()}_DATABASE_URL`, `postgres://db/${other}`]),
      );
      expect(loadSubgraphConfig(name, env).databaseUrl).toBe(`postgres://db/${name}`);
      const others = Object.fromEntries(
        SUBGRAPH_NAMES.filter((other) => other !== name).map((other) => [
          `${other.toUpperCase()}_DATABASE_URL`,
          `postgres://db/${other}`,
        ]),
      );
      expect(loadSubgraphConfig(name, others).databaseUrl).toBeUndefined();
    });
  }

  it('reports every invalid configuration value at once', () => {
    expect(() => loadSubgraphConfig('orders', { ORDERS_PORT: 'abc', ORDERS_DATABASE_URL: 'not a url' })).toThrow(
      /ORDERS_PORT[\s\S]*ORDERS_DATABASE_URL|ORDERS_DATABASE_URL[\s\S]*ORDERS_PORT/,
    );
  });
});
