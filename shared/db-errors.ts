// Telling "the database is down or unreachable" apart from "this statement is wrong", by the
// error's cause (SQLSTATE or socket error code), never by its message text.

/** SQLSTATEs that mean the server dropped or refused the connection, not that the statement failed. */
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown: pg_terminate_backend, or a fast shutdown of the server
  '57P02', // crash_shutdown: another backend crashed and the server is resetting
  '57P03', // cannot_connect_now: the server is starting up or shutting down
  '57P05', // idle_session_timeout
  '53300', // too_many_connections
]);

/** Socket errors from connecting to, or talking with, a server that is not there. */
const UNAVAILABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * The database could not be reached or dropped the connection; the request may succeed when
 * retried later. `cause` is the driver's error.
 */
export class DatabaseUnavailableError extends Error {
  readonly code = 'DATABASE_UNAVAILABLE';

  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'DatabaseUnavailableError';
  }
}

/** True when a code is a SQLSTATE or socket code that means "database unavailable". */
export function isUnavailableCode(code: unknown): boolean {
  if (typeof code !== 'string') return false;
  // Class 08 is "connection exception" (08000, 08003, 08006, 08001, 08004, 08P01, ...).
  return (
    UNAVAILABLE_SQLSTATES.has(code) ||
    (code.length === 5 && code.startsWith('08')) ||
    UNAVAILABLE_SOCKET_CODES.has(code)
  );
}

/** True when `error`, or anything it wraps (cause, originalError, AggregateError.errors), says the database is unavailable. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const pending = [error];
  while (pending.length > 0) {
    const current = pending.pop();
    if (!current || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    if (current instanceof DatabaseUnavailableError) return true;
    if (isUnavailableCode((current as { code?: unknown }).code)) return true;
    pending.push((current as { cause?: unknown }).cause, (current as { originalError?: unknown }).originalError);
    if (current instanceof AggregateError) pending.push(...current.errors);
  }
  return false;
}

/** The SQLSTATE or socket code behind an error (the innermost cause that has one), for logs. */
export function errorCodeOf(error: unknown): string | undefined {
  let found: string | undefined;
  const seen = new Set<unknown>();
  for (
    let current = error;
    current && typeof current === 'object' && !seen.has(current);
    current = (current as { cause?: unknown }).cause
  ) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') found = code;
  }
  return found;
}
