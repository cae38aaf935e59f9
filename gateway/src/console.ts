// The marketing console at /console: the files `npm start` built into console/dist, served as they
// are (no CDN, nothing fetched at run time), and in development only an endpoint that mints a local
// token for chosen scopes, so a new user can sign in without a terminal.
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { z } from 'zod';
import { ALL_SCOPES, issueLocalToken, SCOPES, type KeyPair } from '../../shared/auth.js';
import { readBodyWithin, sendJson } from '../../shared/http.js';

export const CONSOLE_PATH = '/console';
export const DEV_TOKEN_PATH = `${CONSOLE_PATH}/dev-token`;

/** Content types of what Vite writes; anything else is refused rather than guessed. */
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

// The console talks to this origin only; ECharts and React set inline styles.
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** Who may sign in through the development endpoint, and for how long. */
const devTokenRequest = z.object({
  subject: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[\w.@:-]+$/, 'letters, digits and . _ @ : - only')
    .default('console-user'),
  scopes: z.array(z.enum(ALL_SCOPES as [string, ...string[]])).max(ALL_SCOPES.length),
});

const DEV_TOKEN_TTL_SECONDS = 8 * 3600;

export interface ConsoleRouteOptions {
  /** The folder Vite built the console into. */
  distDir: string;
  /** The local issuer's key pair in development; absent in production, where the mint endpoint does not exist. */
  localTokenIssuer?: KeyPair;
  issuer: string;
  audience: string;
}

/**
 * Answers every request under /console: `dev-token` (development only), the built files, and
 * index.html for the bare path. The console routes with the URL hash, so no other path is an app route.
 */
export function consoleRoute(options: ConsoleRouteOptions) {
  const root = path.resolve(options.distDir);
  return async (req: http.IncomingMessage, res: http.ServerResponse, pathname: string): Promise<void> => {
    if (pathname === DEV_TOKEN_PATH && options.localTokenIssuer)
      return devToken(req, res, { ...options, localTokenIssuer: options.localTokenIssuer });
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return sendJson(res, 405, {
        errors: [{ message: 'The console is read with GET', extensions: { code: 'METHOD_NOT_ALLOWED' } }],
      });
    }
    const relative = pathname === CONSOLE_PATH || pathname === `${CONSOLE_PATH}/` ? 'index.html' : pathname.slice(9);
    const file = path.resolve(root, decodeURIComponentSafe(relative));
    const type = CONTENT_TYPES[path.extname(file)];
    // A path that leaves the build folder (../, an encoded slash) is simply not there.
    if (!file.startsWith(root + path.sep) || !type || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      const built = fs.existsSync(path.join(root, 'index.html'));
      return sendJson(res, 404, {
        errors: [
          {
            message: built
              ? `Nothing is served at ${pathname.slice(0, 200)}`
              : 'The console is not built: run npm start (which builds it) or npm run console:build',
            extensions: { code: 'NOT_FOUND' },
          },
        ],
      });
    }
    // Vite names assets by content hash: they never change. index.html names the current ones.
    const immutable = relative.startsWith('assets/');
    res.writeHead(200, {
      'content-type': type,
      'content-length': fs.statSync(file).size,
      'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    if (req.method === 'HEAD') return void res.end();
    fs.createReadStream(file).pipe(res);
  };
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return '\0';
  }
}

/**
 * GET lists the scopes a token may carry; POST `{ subject, scopes }` answers a token signed by the
 * local development key, as `npm run token` prints one. JSON only, so a page of another origin cannot
 * post here without a CORS preflight the gateway does not grant.
 */
async function devToken(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  options: ConsoleRouteOptions & { localTokenIssuer: KeyPair },
): Promise<void> {
  if (req.method === 'GET') return sendJson(res, 200, { scopes: SCOPES });
  if (req.method !== 'POST') {
    res.setHeader('allow', 'GET, POST');
    return sendJson(res, 405, {
      errors: [{ message: 'Mint a token with POST', extensions: { code: 'METHOD_NOT_ALLOWED' } }],
    });
  }
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
    return badInput(res, 'Send the request as application/json: { "subject": "...", "scopes": ["..."] }');
  const body = await readBodyWithin(req, 4096);
  if (body === 'too-large') return badInput(res, 'The request body is too large');
  let parsed: z.infer<typeof devTokenRequest>;
  try {
    parsed = devTokenRequest.parse(JSON.parse(body.toString('utf8')));
  } catch (err) {
    const problem =
      err instanceof z.ZodError
        ? err.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ')
        : 'the body is not JSON';
    return badInput(res, `Cannot mint a token: ${problem}`);
  }
  const token = await issueLocalToken(options.localTokenIssuer, {
    subject: parsed.subject,
    scopes: parsed.scopes,
    ttlSeconds: DEV_TOKEN_TTL_SECONDS,
    issuer: options.issuer,
    audience: options.audience,
  });
  res.setHeader('cache-control', 'no-store');
  return sendJson(res, 200, {
    token,
    subject: parsed.subject,
    scopes: parsed.scopes,
    expiresIn: DEV_TOKEN_TTL_SECONDS,
  });
}

function badInput(res: http.ServerResponse, message: string) {
  return sendJson(res, 400, { errors: [{ message, extensions: { code: 'BAD_USER_INPUT' } }] });
}
