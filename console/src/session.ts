// Who is signed in: the pasted (or minted) bearer token, kept for this browser tab only, and what
// its claims say. The gateway verifies the token on every request; these claims only shape the page.

export interface Session {
  token: string;
  subject: string;
  scopes: string[];
  /** Seconds since the epoch. */
  expiresAt?: number;
}

const STORAGE_KEY = 'mesh360.console.token';

/** The claims of a JWT, read without verifying it (the gateway verifies); undefined when it is not a JWT. */
export function sessionOf(token: string): Session | undefined {
  const parts = token.trim().split('.');
  if (parts.length !== 3) return undefined;
  try {
    const json = atob(parts[1].replace(/-/g, '+').replace(/_/g, '/'));
    const claims = JSON.parse(json) as { sub?: unknown; scope?: unknown; scp?: unknown; exp?: unknown };
    if (typeof claims.sub !== 'string') return undefined;
    const scopes =
      typeof claims.scope === 'string'
        ? claims.scope.split(' ').filter(Boolean)
        : Array.isArray(claims.scp)
          ? claims.scp.filter((scope): scope is string => typeof scope === 'string')
          : [];
    return {
      token: token.trim(),
      subject: claims.sub,
      scopes,
      expiresAt: typeof claims.exp === 'number' ? claims.exp : undefined,
    };
  } catch {
    return undefined;
  }
}

export function loadSession(): Session | undefined {
  const token = sessionStorage.getItem(STORAGE_KEY);
  const session = token ? sessionOf(token) : undefined;
  if (session?.expiresAt && session.expiresAt * 1000 < Date.now()) return undefined;
  return session;
}

export function saveSession(session: Session | undefined): void {
  if (session) sessionStorage.setItem(STORAGE_KEY, session.token);
  else sessionStorage.removeItem(STORAGE_KEY);
}
