// Prints an access token signed by the local development issuer key, for GraphiQL, curl, tests and
// demos. The token is the last line of the output:
//   npm run token -- --sub alice --scopes pii:read,orders:read --ttl 8h
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ALL_SCOPES, issueLocalToken, KEY_FILES, loadOrCreateKeyPair, SCOPES } from '../shared/auth.js';
import { keyVariables, parseEnv } from '../shared/config.js';
import { defaultAuthConfig } from '../gateway/src/config.js';

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** Parses a lifetime such as 900, 15m, 8h or 7d into seconds. */
export function parseTtl(text: string): number {
  const match = /^(\d+)([smhd]?)$/.exec(text.trim());
  if (!match) throw new Error(`--ttl must be a number of seconds or end in s, m, h or d (got "${text}")`);
  const seconds = Number(match[1]) * UNITS[match[2] || 's'];
  if (seconds < 1 || seconds > 30 * 86_400) throw new Error('--ttl must be between 1 second and 30 days');
  return seconds;
}

async function main() {
  const { values } = parseArgs({
    options: {
      sub: { type: 'string', default: 'local-developer' },
      scopes: { type: 'string', default: ALL_SCOPES.join(',') },
      ttl: { type: 'string', default: '1h' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log('Usage: npm run token -- [--sub SUBJECT] [--scopes a,b,...] [--ttl 1h]\nScopes:');
    for (const [scope, grants] of Object.entries(SCOPES)) console.log(`  ${scope.padEnd(16)} ${grants}`);
    return;
  }
  const env = parseEnv(
    z.object({
      ...keyVariables,
      AUTH_ISSUER: z.string().default(defaultAuthConfig().issuer),
      AUTH_AUDIENCE: z.string().default(defaultAuthConfig().audience),
      AUTH_JWKS_URL: z.string().optional(),
    }),
    process.env,
    'token',
  );
  if (env.NODE_ENV === 'production' || env.AUTH_JWKS_URL) {
    throw new Error(
      'npm run token mints development tokens only; in production tokens come from your identity provider (AUTH_JWKS_URL)',
    );
  }
  const scopes = values.scopes
    .split(',')
    .map((scope) => scope.trim())
    .filter(Boolean);
  const unknown = scopes.filter((scope) => !(scope in SCOPES));
  if (unknown.length) throw new Error(`unknown scope ${unknown.join(', ')}; known scopes: ${ALL_SCOPES.join(', ')}`);
  const key = await loadOrCreateKeyPair(path.join(env.MESH_KEYS_DIR, KEY_FILES.localIssuer), 'ES256');
  const ttlSeconds = parseTtl(values.ttl);
  const token = await issueLocalToken(key, {
    subject: values.sub,
    scopes,
    ttlSeconds,
    issuer: env.AUTH_ISSUER,
    audience: env.AUTH_AUDIENCE,
  });
  console.error(`# subject ${values.sub}, scopes ${scopes.join(' ') || '(none)'}, valid ${ttlSeconds} s`);
  console.log(token);
}

main().catch((err) => {
  console.error(`npm run token: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(2);
});
