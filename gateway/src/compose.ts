import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'graphql';
import { composeServices } from '@theguild/federation-composition';
import { DEFAULT_PORTS, SUBGRAPH_NAMES } from '../../shared/config.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SUPERGRAPH_PATH = path.join(ROOT, 'supergraph.graphql');

/** The default URL of a subgraph, as written into the committed supergraph; overridden at run time by env. */
export function defaultSubgraphUrl(name: (typeof SUBGRAPH_NAMES)[number]): string {
  return `http://127.0.0.1:${DEFAULT_PORTS[name]}/graphql`;
}

export type ComposeResult = { ok: true; supergraphSdl: string } | { ok: false; errors: string[] };

/** Composes the four subgraphs' schema.graphql files into a Federation v2 supergraph. */
export function composeSupergraph(
  readSchema = (name: string) => fs.readFileSync(path.join(ROOT, 'subgraphs', name, 'schema.graphql'), 'utf8'),
): ComposeResult {
  const services = [];
  const errors: string[] = [];
  for (const name of SUBGRAPH_NAMES) {
    try {
      services.push({ name, url: defaultSubgraphUrl(name), typeDefs: parse(readSchema(name)) });
    } catch (err) {
      errors.push(`[${name}] ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (errors.length > 0) return { ok: false, errors };
  const result = composeServices(services);
  if (result.errors) {
    return {
      ok: false,
      errors: result.errors.map(
        (error) => `[${String(error.extensions?.code ?? 'COMPOSITION_ERROR')}] ${error.message}`,
      ),
    };
  }
  return { ok: true, supergraphSdl: `${result.supergraphSdl.trim()}\n` };
}
