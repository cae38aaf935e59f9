import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './compose.js';

/** What subgraphs/<domain>/subgraph.json says about a domain: its team and the entities it owns. */
export interface SubgraphMetadata {
  domain: string;
  team: string;
  description: string;
  /** Entity types this domain owns (resolves from its own rows); other subgraphs only extend them. */
  entities: string[];
}

/** Reads subgraphs/<name>/subgraph.json. */
export function readSubgraphMetadata(name: string, root = ROOT): SubgraphMetadata {
  return JSON.parse(fs.readFileSync(path.join(root, 'subgraphs', name, 'subgraph.json'), 'utf8')) as SubgraphMetadata;
}
