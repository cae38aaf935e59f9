// Builds the marketing console (console/ → console/dist) with Vite, only when a source is newer than
// the last build, so `npm start` restarts stay fast. `npm run console:build -- --force` always builds.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CONSOLE_DIR = path.join(ROOT, 'console');
export const CONSOLE_DIST = path.join(CONSOLE_DIR, 'dist');
/** What the bundle is made of: its sources, its page, its build config and the operations it sends. */
const SOURCES = ['console/src', 'console/index.html', 'console/vite.config.ts', 'clients/console', 'package-lock.json'];

function newestModification(entry: string): number {
  const full = path.join(ROOT, entry);
  if (!fs.existsSync(full)) return 0;
  const stat = fs.statSync(full);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(
    stat.mtimeMs,
    ...(fs.readdirSync(full, { recursive: true }) as string[]).map(
      (file) => fs.statSync(path.join(full, file)).mtimeMs,
    ),
  );
}

/** Whether console/dist was built after every source last changed. */
export function consoleBuildIsCurrent(): boolean {
  const built = path.join(CONSOLE_DIST, 'index.html');
  if (!fs.existsSync(built)) return false;
  const builtAt = fs.statSync(built).mtimeMs;
  return SOURCES.every((entry) => newestModification(entry) <= builtAt);
}

/**
 * Runs `vite build` in its own process with NODE_ENV=production: Vite and React take their mode
 * from NODE_ENV, and a caller's (vitest sets test) would make a development bundle.
 */
function viteBuild(outDir: string): Promise<void> {
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!fs.existsSync(vite)) return Promise.reject(new Error('vite is not installed (it is a development dependency)'));
  const args = [vite, 'build', '--config', path.join(CONSOLE_DIR, 'vite.config.ts'), '--outDir', outDir];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...args, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}`))));
  });
}

/** Builds the console unless the build is current; answers what it did. */
export async function ensureConsoleBuilt(
  options: { force?: boolean; log?: (line: string) => void } = {},
): Promise<'built' | 'current'> {
  if (!options.force && consoleBuildIsCurrent()) return 'current';
  const started = Date.now();
  // Built aside and moved into place, so a gateway serving the old build (or another build running
  // at the same time, as tests may) never sees a half-written folder.
  const staging = `${CONSOLE_DIST}.${process.pid}.tmp`;
  try {
    await viteBuild(staging);
    fs.rmSync(CONSOLE_DIST, { recursive: true, force: true });
    fs.renameSync(staging, CONSOLE_DIST);
  } catch (err) {
    // Another build moved its output in first: that one is as current as ours.
    if ((err as NodeJS.ErrnoException).code !== 'ENOTEMPTY' && (err as NodeJS.ErrnoException).code !== 'EEXIST')
      throw err;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  options.log?.(`  console built in ${((Date.now() - started) / 1000).toFixed(1)} s (console/dist)`);
  return 'built';
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  ensureConsoleBuilt({ force: process.argv.includes('--force'), log: console.log })
    .then((outcome) => {
      if (outcome === 'current') console.log('console/dist is current; nothing to build (use --force to rebuild).');
    })
    .catch((err) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    });
}
