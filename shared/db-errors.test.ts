import { DatabaseError } from 'pg';
import { describe, expect, it } from 'vitest';
import { DatabaseUnavailableError, errorCodeOf, isDatabaseUnavailable, isUnavailableCode } from './db-errors.js';

const pgError = (code: string, message = 'server message') =>
  Object.assign(new DatabaseError(message, 0, 'error'), { code });
const socketError = (code: string) =>
  Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, errno: -111, syscall: 'connect' });

describe('isDatabaseUnavailable', () => {
  it('recognises a server that dropped or refused the connection by SQLSTATE', () => {
    for (const code of ['57P01', '57P02', '57P03', '08000', '08003', '08006', '08001', '08P01', '53300']) {
      expect(isDatabaseUnavailable(pgError(code)), code).toBe(true);
    }
  });

  it('recognises socket failures by their error code', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND']) {
      expect(isDatabaseUnavailable(socketError(code)), code).toBe(true);
    }
  });

  it('does not treat statement or configuration errors as an outage', () => {
    for (const code of ['23505', '42P01', '40001', '28P01', '3D000', '57014', '22P02']) {
      expect(isDatabaseUnavailable(pgError(code)), code).toBe(false);
    }
    expect(isDatabaseUnavailable(new Error('anything'))).toBe(false);
    expect(isDatabaseUnavailable(undefined)).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
  });

  it('ignores the message text: only the code counts', () => {
    expect(isDatabaseUnavailable(pgError('23505', 'terminating connection due to administrator command'))).toBe(false);
    expect(isDatabaseUnavailable(new Error('connect ECONNREFUSED 127.0.0.1:5432'))).toBe(false);
  });

  it('looks through wrappers: cause, GraphQL originalError, AggregateError (both address families refused)', () => {
    expect(isDatabaseUnavailable(new DatabaseUnavailableError('lost it'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('migration failed', { cause: pgError('57P03') }))).toBe(true);
    expect(
      isDatabaseUnavailable({
        message: 'resolver',
        originalError: new Error('wrapped', { cause: socketError('ECONNRESET') }),
      }),
    ).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([socketError('ECONNREFUSED'), socketError('ECONNREFUSED')]))).toBe(
      true,
    );
  });

  it('survives a cause cycle', () => {
    const error = new Error('a') as Error & { cause?: unknown };
    error.cause = error;
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe('isUnavailableCode / errorCodeOf', () => {
  it('classifies codes and finds the code of a wrapped error', () => {
    expect(isUnavailableCode('08006')).toBe(true);
    expect(isUnavailableCode('0800')).toBe(false);
    expect(isUnavailableCode(57)).toBe(false);
    expect(errorCodeOf(new DatabaseUnavailableError('x', { cause: socketError('ECONNREFUSED') }))).toBe('ECONNREFUSED');
    expect(errorCodeOf(new DatabaseUnavailableError('x'))).toBe('DATABASE_UNAVAILABLE');
    expect(errorCodeOf(new Error('x', { cause: pgError('57P01') }))).toBe('57P01');
  });
});
