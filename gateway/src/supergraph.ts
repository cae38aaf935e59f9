import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { buildASTSchema, parse, visit, type DirectiveNode } from 'graphql';
import type { Logger } from '../../shared/logger.js';

/** The subgraph name → URL map written in a supergraph's join__graph directives. */
export function subgraphUrlsOf(supergraphSdl: string): Record<string, string> {
  const urls: Record<string, string> = {};
  visit(parse(supergraphSdl), {
    Directive(node) {
      const entry = joinGraphArgs(node);
      if (entry) urls[entry.name] = entry.url;
    },
  });
  return urls;
}

/**
 * Points subgraphs at other URLs without recomposing: only the url argument of
 * `@join__graph(name: "...", url: "...")` changes, so the query plan stays the same.
 */
export function withSubgraphUrls(supergraphSdl: string, overrides: Record<string, string | undefined>): string {
  return supergraphSdl.replace(/@join__graph\(name: "([^"]+)", url: "([^"]*)"\)/g, (whole, name: string) => {
    const url = overrides[name];
    return url ? `@join__graph(name: "${name}", url: ${JSON.stringify(url)})` : whole;
  });
}

function joinGraphArgs(node: DirectiveNode): { name: string; url: string } | undefined {
  if (node.name.value !== 'join__graph') return undefined;
  const value = (arg: string) => {
    const found = node.arguments?.find((a) => a.name.value === arg)?.value;
    return found && found.kind === 'StringValue' ? found.value : undefined;
  };
  const name = value('name');
  const url = value('url');
  return name && url ? { name, url } : undefined;
}

/** The supergraph a gateway serves: which file version, since when, and where its subgraphs are. */
export interface ServedSupergraph {
  /** The first 12 hex digits of the file's SHA-256: what `npm run compose` wrote, before URL overrides. */
  version: string;
  since: Date;
  subgraphUrls: Record<string, string>;
  /** The SDL served, subgraph URL overrides applied. */
  sdl: string;
}

/**
 * The supergraph file as the gateway runtime's loader: read on every poll, handed over only when it
 * changed and builds, so a bad file never replaces the schema being served. The runtime switches
 * schemas atomically (and keeps the old one if its own load fails); `promoted()` is called when it
 * has switched, and only then does `served()` change.
 */
export function supergraphFileSource(
  file: string,
  overrides: Record<string, string | undefined>,
  logger?: Logger,
): {
  load: () => string;
  promoted: () => ServedSupergraph | undefined;
  served: () => ServedSupergraph;
} {
  const first = readVersion(file, overrides);
  const problem = first.problem;
  if (problem) throw new Error(`${file}: ${problem}`);
  let served: ServedSupergraph = {
    version: first.version,
    since: new Date(),
    subgraphUrls: subgraphUrlsOf(first.sdl),
    sdl: first.sdl,
  };
  let offered = first;
  let refused: string | undefined;
  return {
    load() {
      const next = readVersion(file, overrides);
      if (next.version === offered.version) return offered.sdl;
      if (next.problem) {
        if (refused !== next.version)
          logger?.error(
            { version: next.version, serving: served.version, problem: next.problem },
            'supergraph file does not build; still serving the previous version',
          );
        refused = next.version;
        return offered.sdl;
      }
      logger?.info({ version: next.version, serving: served.version }, 'supergraph file changed; loading it');
      offered = next;
      return next.sdl;
    },
    promoted() {
      if (offered.version === served.version) return undefined;
      served = {
        version: offered.version,
        since: new Date(),
        subgraphUrls: subgraphUrlsOf(offered.sdl),
        sdl: offered.sdl,
      };
      logger?.info({ version: served.version, subgraphs: served.subgraphUrls }, 'supergraph version now serving');
      return served;
    },
    served: () => served,
  };
}

function readVersion(
  file: string,
  overrides: Record<string, string | undefined>,
): { version: string; sdl: string; problem?: string } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    return { version: 'unreadable', sdl: '', problem: (err as Error).message };
  }
  const version = createHash('sha256').update(text).digest('hex').slice(0, 12);
  const sdl = withSubgraphUrls(text, overrides);
  try {
    buildASTSchema(parse(sdl), { assumeValidSDL: false });
    if (Object.keys(subgraphUrlsOf(sdl)).length === 0) return { version, sdl, problem: 'names no subgraph' };
  } catch (err) {
    return { version, sdl, problem: (err as Error).message };
  }
  return { version, sdl };
}
