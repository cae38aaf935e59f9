import { GraphQLError } from 'graphql';

/** Stable error codes every mesh360 service uses in `extensions.code`. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'FORBIDDEN'
  | 'UNAUTHENTICATED'
  | 'GRAPH_UNAVAILABLE'
  | 'REQUEST_ABORTED'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

/** A GraphQLError that always carries a stable code. */
export class MeshError extends GraphQLError {
  constructor(code: ErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message, { extensions: { ...details, code } });
  }
}

/** The client sent an argument that cannot be accepted. */
export class BadUserInputError extends MeshError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('BAD_USER_INPUT', message, details);
  }
}

/** The addressed record does not exist. */
export class NotFoundError extends MeshError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('NOT_FOUND', message, details);
  }
}

/** The request lost a race or contradicts current state (e.g. not enough stock). */
export class ConflictError extends MeshError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('CONFLICT', message, details);
  }
}

/** The caller is known but not allowed to do this. */
export class ForbiddenError extends MeshError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super('FORBIDDEN', message, details);
  }
}

/** The value a non-null field promises, or NOT_FOUND when the record it names is gone (e.g. erased meanwhile). */
export function found<T>(value: T | null | undefined, message: string): T {
  if (value === null || value === undefined) throw new NotFoundError(message);
  return value;
}
