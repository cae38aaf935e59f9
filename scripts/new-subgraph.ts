// Scaffolds a new domain (subgraph) in the project's layout, modelled on inventory, and wires it in
// everywhere the mesh lists its domains (README "Adding a domain"):
//   npm run new:subgraph -- <name> [--port N] [--team "Team name"] [--no-generate]
// It writes subgraphs/<name>/ from scripts/new-subgraph/template/ (schema with a sample entity,
// migrations, server, context, loaders, resolvers, repository, privacy handler, data-quality checks,
// a test), registers the domain at the `new:subgraph` markers (shared/config.ts names and ports,
// subgraphs/registry.ts, codegen.ts, the seeder, its write scope, package.json, docker-compose.yml,
// docker/, .env.example, README), then regenerates what derives from schemas (compose, codegen,
// events, documents, catalogue) unless --no-generate. Everything else reads SUBGRAPH_NAMES.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { scaffoldSubgraph } from './new-subgraph/scaffold.js';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    port: { type: 'string' },
    team: { type: 'string' },
    'no-generate': { type: 'boolean', default: false },
    root: { type: 'string' },
  },
});

const name = positionals[0];
if (!name) {
  console.error('usage: npm run new:subgraph -- <name> [--port N] [--team "Team name"] [--no-generate]');
  process.exit(2);
}
const root = path.resolve(values.root ?? path.join(import.meta.dirname, '..'));
try {
  const result = scaffoldSubgraph({
    root,
    name,
    port: values.port === undefined ? undefined : Number(values.port),
    team: values.team,
  });
  for (const file of result.written) console.log(`  wrote   ${file}`);
  for (const file of result.edited) console.log(`  edited  ${file}`);
  if (!values['no-generate']) {
    for (const script of ['compose', 'codegen', 'events', 'documents', 'catalogue', 'format']) {
      console.log(`> npm run ${script}`);
      execFileSync('npm', ['run', '-s', script], { cwd: root, stdio: 'inherit' });
    }
  }
  console.log(
    `\nDomain ${name} added on port ${result.port}. Next: npm run typecheck && npm run schema:lint && npx vitest run subgraphs/${name}`,
  );
  if (!fs.existsSync(path.join(root, 'node_modules'))) console.log('(run npm ci first: the generators need it)');
} catch (error) {
  console.error(`new:subgraph: ${(error as Error).message}`);
  process.exit(1);
}
