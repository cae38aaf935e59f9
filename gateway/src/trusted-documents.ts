// Trusted documents: ordinary clients may run only operations registered in the manifest
// (`npm run documents` writes it from the README, the GraphiQL example and the campaigns service's
// own operations); a token with the `adhoc` scope may send any operation within the limits.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { createGraphQLError } from '@graphql-tools/utils';
import { Kind, parse, type DocumentNode, type SelectionSetNode } from 'graphql';
import { hasScope } from '../../shared/auth.js';
import type { Logger } from '../../shared/logger.js';
import type { ViewerRegistry } from './auth.js';

export interface TrustedDocumentManifest {
  /** sha256 (hex) of the exact operation text → the text. */
  documents: Record<string, string>;
}

/** The sha256 (hex) of an operation's text, the id a client sends instead of the text. */
export const documentHash = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The manifest file, read again when its modification time changes (`reload()`); a file that does
 * not parse is logged and the manifest in force stays.
 */
export function manifestFile(
  file: string,
  logger?: Logger,
): { current: () => TrustedDocumentManifest; reload: () => void } {
  const stamp = () => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : 0);
  let loadedAt = stamp();
  let manifest = loadManifest(file);
  return {
    current: () => manifest,
    reload() {
      const now = stamp();
      if (now === loadedAt) return;
      loadedAt = now;
      try {
        manifest = loadManifest(file);
        logger?.info({ documents: Object.keys(manifest.documents).length }, 'trusted-documents manifest reloaded');
      } catch (err) {
        logger?.error({ err }, 'trusted-documents manifest does not parse; keeping the one in force');
      }
    },
  };
}

/** Reads the manifest file; a missing file is an empty manifest. */
export function loadManifest(file: string): TrustedDocumentManifest {
  if (!fs.existsSync(file)) return { documents: {} };
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as TrustedDocumentManifest;
  return { documents: parsed.documents ?? {} };
}

const namesByManifest = new WeakMap<TrustedDocumentManifest, ReadonlySet<string>>();

/** The names of the operations a manifest registers (computed once per manifest version). */
export function registeredOperationNames(manifest: TrustedDocumentManifest): ReadonlySet<string> {
  let names = namesByManifest.get(manifest);
  if (!names) {
    const found = new Set<string>();
    for (const text of Object.values(manifest.documents)) {
      try {
        for (const definition of parse(text).definitions)
          if (definition.kind === Kind.OPERATION_DEFINITION && definition.name) found.add(definition.name.value);
      } catch {
        // a registered text that does not parse names nothing; running it fails on its own
      }
    }
    names = found;
    namesByManifest.set(manifest, names);
  }
  return names;
}

/**
 * Whether an operation asks only for __schema / __type / __typename (schema tooling). Fragments
 * spread at the root count as root selections; what sits inside __schema is introspection types
 * only, whatever fragments it uses.
 */
export function isIntrospectionOnly(document: DocumentNode): boolean {
  const fragments = new Map(
    document.definitions
      .filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const onlyMeta = (set: SelectionSetNode, visiting: Set<string>): boolean =>
    set.selections.every((selection) => {
      if (selection.kind === Kind.FIELD) return selection.name.value.startsWith('__');
      if (selection.kind === Kind.INLINE_FRAGMENT) return onlyMeta(selection.selectionSet, visiting);
      const fragment = fragments.get(selection.name.value);
      if (!fragment || visiting.has(fragment.name.value)) return false;
      return onlyMeta(fragment.selectionSet, new Set([...visiting, fragment.name.value]));
    });
  const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  return (
    operations.length > 0 &&
    operations.every((operation) => operation.operation === 'query' && onlyMeta(operation.selectionSet, new Set()))
  );
}

const refused = (message: string, code: string, status: number) =>
  createGraphQLError(message, { extensions: { code, http: { status } } });

/**
 * Resolves `extensions.persistedQuery.sha256Hash` (Apollo's format; Yoga refuses a `documentId` parameter) to the
 * registered text, and admits a full-text operation only when its text is registered, the token
 * has `adhoc`, or it is pure introspection by a token allowed to introspect.
 */
export function useTrustedDocuments(options: {
  /** The manifest in force now (it may be reloaded while the gateway runs). */
  manifest: () => TrustedDocumentManifest;
  viewers: ViewerRegistry;
  production: boolean;
}): GatewayPlugin {
  return {
    onParams({ params, request, setParams }) {
      const { documents } = options.manifest();
      const viewer = options.viewers.get(request);
      if (params.query) {
        if (Object.hasOwn(documents, documentHash(params.query)) || hasScope(viewer, 'adhoc')) return;
        let introspection = false;
        try {
          introspection = isIntrospectionOnly(parse(params.query, { maxTokens: 5000 }));
        } catch {
          // not parseable: fall through to the refusal, which says what is allowed
        }
        if (introspection && (!options.production || hasScope(viewer, 'schema:read'))) return;
        throw refused(
          'Only registered operations (trusted documents) may run with this token: send the document id in extensions.persistedQuery.sha256Hash, or use a token with the adhoc scope',
          'TRUSTED_DOCUMENT_REQUIRED',
          403,
        );
      }
      const extensions = params.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined;
      const id = extensions?.persistedQuery?.sha256Hash;
      if (typeof id !== 'string')
        throw refused(
          'The request has neither a query nor a registered document id',
          'PERSISTED_QUERY_ID_REQUIRED',
          400,
        );
      const text = Object.hasOwn(documents, id) ? documents[id] : undefined;
      if (typeof text !== 'string')
        throw refused(`No registered operation has the id ${id.slice(0, 80)}`, 'PERSISTED_QUERY_NOT_FOUND', 400);
      setParams({ ...params, query: text });
    },
  };
}
