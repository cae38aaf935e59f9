// The production build (`npm run build` into dist/), made once and reused while it is newer than
// every source, for the tests that run the compiled services as the image does.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../gateway/src/compose.js';

export const DIST = path.join(ROOT, 'dist');
const SOURCES = [
  'shared',
  'gateway',
  'subgraphs',
  'scripts',
  'supergraph.graphql',
  'tsconfig.json',
  'tsconfig.build.json',
  'package.json',
];

function newestMtime(entry: string): number {
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(
    0,
    ...fs
      .readdirSync(entry)
      .filter((name) => name !== 'node_modules')
      .map((name) => newestMtime(path.join(entry, name))),
  );
}

/** Builds unless dist/ is newer than every source (its assets are copied last, so they date the build). */
export function ensureBuilt(): void {
  const stamp = path.join(DIST, 'supergraph.graphql');
  const built = fs.existsSync(stamp) ? fs.statSync(stamp).mtimeMs : 0;
  if (built > Math.max(...SOURCES.map((source) => newestMtime(path.join(ROOT, source))))) return;
  execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'pipe' });
}
