// The access log: every request that reads a personal field (one protected by `pii:read`) or runs
// a mutation leaves one row in the serving domain's `access_log` before its answer leaves.
import { createHmac } from 'node:crypto';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { type DocumentNode, Kind, type ConstDirectiveNode } from 'graphql';
import type { Kysely } from 'kysely';
import type { Viewer } from '../auth.js';
import type { AnyDatabase } from '../db.js';
import { requestScope } from '../request-scope.js';

const keys = new WeakMap<Kysely<AnyDatabase>, Promise<Buffer>>();

/** The domain database's pseudonym key (made by its access-log migration), read once per database. */
export function pseudonymKeyOf(db: Kysely<AnyDatabase>): Promise<Buffer> {
  let key = keys.get(db);
  if (!key) {
    key = db
      .selectFrom('audit_key')
      .select('key_hex')
      .executeTakeFirstOrThrow()
      .then((row: { key_hex: string }) => Buffer.from(row.key_hex, 'hex'));
    key.catch(() => keys.delete(db));
    keys.set(db, key);
  }
  return key;
}

/** The log's stand-in for a customer id: HMAC-SHA-256 under the installation's key, hex. */
export function auditPseudonym(key: Buffer, customerId: string): string {
  return createHmac('sha256', key).update(customerId, 'utf8').digest('hex');
}

/** `Type.field` coordinates whose reads are recorded: the fields (and root fields) that need `pii:read`. */
export function personalFieldsOf(typeDefs: DocumentNode): Set<string> {
  const coordinates = new Set<string>();
  const needsPii = (directives: readonly ConstDirectiveNode[] | undefined) =>
    directives?.some(
      (directive) =>
        directive.name.value === 'requiresScopes' &&
        JSON.stringify(directive.arguments?.map((argument) => argument.value)).includes('"pii:read"'),
    ) ?? false;
  for (const definition of typeDefs.definitions) {
    if (
      definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
      definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
      definition.kind !== Kind.INTERFACE_TYPE_DEFINITION
    )
      continue;
    const typeProtected = needsPii(definition.directives);
    for (const field of definition.fields ?? []) {
      if (typeProtected || needsPii(field.directives)) coordinates.add(`${definition.name.value}.${field.name.value}`);
    }
  }
  return coordinates;
}

const MAX_FIELDS = 200;
const MAX_CUSTOMERS = 10_000;

/** Finds `customerId` values in resolver arguments, input objects included. */
function customerIdsInArguments(value: unknown, found: Set<string>, depth = 0): void {
  if (depth > 5 || value === null || typeof value !== 'object') return;
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    if (key === 'customerId' && typeof inner === 'string') {
      found.add(inner);
    } else if (key === 'customerIds' && Array.isArray(inner)) {
      for (const id of inner) if (typeof id === 'string') found.add(id);
    } else {
      customerIdsInArguments(inner, found, depth + 1);
    }
  }
}

/**
 * The Apollo plugin that records. A request is recorded when it resolved at least one personal
 * field, or when it is a mutation (every mutation of the mesh needs a write, run or admin scope).
 * The row is written after execution and before the response is sent, so nothing is answered that
 * was not logged; if the write fails, the request fails.
 */
export function accessLogPlugin<C extends BaseContext>(typeDefs: DocumentNode): ApolloServerPlugin<C> {
  const personal = personalFieldsOf(typeDefs);
  return {
    async requestDidStart() {
      const fields = new Set<string>();
      const customers = new Set<string>();
      let mutation = false;
      return {
        async executionDidStart({ operation }) {
          mutation = operation.operation === 'mutation';
          return {
            willResolveField({ source, args, info }) {
              const coordinate = `${info.parentType.name}.${info.fieldName}`;
              const root = info.path.prev === undefined;
              if (mutation && root) {
                if (fields.size < MAX_FIELDS) fields.add(coordinate);
                customerIdsInArguments(args, customers);
              }
              // A mutation concerns every customer it returns, whichever fields are asked of them.
              if (mutation && info.parentType.name === 'Customer' && customers.size < MAX_CUSTOMERS) {
                const id = (source as { id?: unknown })?.id;
                if (typeof id === 'string') customers.add(id);
              }
              if (!personal.has(coordinate)) return;
              if (fields.size < MAX_FIELDS) fields.add(coordinate);
              if (customers.size >= MAX_CUSTOMERS) return;
              if (info.parentType.name === 'Customer' && typeof (source as { id?: unknown })?.id === 'string')
                customers.add((source as { id: string }).id);
              customerIdsInArguments(args, customers);
            },
          };
        },
        async willSendResponse({ contextValue, operationName, response }) {
          if (fields.size === 0) return;
          // A mutation refused before it changed anything (bad input, no scope) leaves no record: a
          // refused input writes nothing. One that answered data for a root field ran, and is recorded.
          if (mutation) {
            const data = response.body.kind === 'single' ? response.body.singleResult.data : undefined;
            if (!data || Object.values(data).every((value) => value === null || value === undefined)) return;
          }
          const { db, viewer: contextViewer } = contextValue as { db?: Kysely<AnyDatabase>; viewer?: Viewer };
          if (!db) throw new Error('the access log needs the domain database as context.db');
          const scope = requestScope.getStore();
          const viewer = contextViewer ?? scope?.viewer;
          const key = await pseudonymKeyOf(db);
          const refs = [...customers].map((id) => auditPseudonym(key, id));
          await db
            .insertInto('access_log')
            .values({
              kind: mutation ? 'MUTATION' : 'READ',
              subject: viewer?.subject ?? 'anonymous',
              operation_name: scope?.operationName ?? operationName ?? 'anonymous',
              purpose: viewer?.purpose ?? null,
              request_id: scope?.requestId ?? null,
              fields: [...fields].sort(),
              customer_refs: refs,
              customer_count: refs.length,
            })
            .execute();
        },
      };
    },
  };
}
