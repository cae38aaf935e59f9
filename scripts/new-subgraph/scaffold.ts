// The work of `npm run new:subgraph` (scripts/new-subgraph.ts), separate so a test can run it into a
// temporary copy of the repository. Writes subgraphs/<name>/ from ./template and registers the domain
// at every `new:subgraph` marker; it refuses a name in use and changes nothing then.
import fs from 'node:fs';
import path from 'node:path';

export interface ScaffoldOptions {
  /** The repository root to write into. */
  root: string;
  /** Lowercase letters only, plural, e.g. reviews: the subgraph, its database schema, env prefix and scope. */
  name: string;
  /** Its default port; the highest one in use + 1 when absent. */
  port?: number;
  /** The owning team, for the catalogue (subgraph.json). */
  team?: string;
  /** The migration timestamp prefix (YYYYMMDDHH); now when absent. */
  migrationStamp?: string;
}

export interface ScaffoldResult {
  port: number;
  written: string[];
  edited: string[];
}

const TEMPLATE = path.join(import.meta.dirname, 'template');

/** The names the template uses, from the domain name: reviews → Reviews, REVIEWS, review, Review. */
export function templateNames(name: string) {
  const entity = name.endsWith('s') && name.length > 3 ? name.slice(0, -1) : `${name}Item`;
  const upperFirst = (text: string) => text[0].toUpperCase() + text.slice(1);
  return {
    __name__: name,
    __Name__: upperFirst(name),
    __NAME__: name.toUpperCase(),
    __entity__: entity,
    __Entity__: upperFirst(entity),
    __table__: name,
  };
}

function fill(text: string, tokens: Record<string, string>): string {
  return text.replace(/__[A-Za-z]+__/g, (token) => tokens[token] ?? token);
}

/** Inserts text before the line holding marker; throws when the marker is missing. */
function insertBefore(text: string, marker: string, insertion: string, file: string): string {
  const at = text.indexOf(marker);
  if (at < 0) throw new Error(`${file}: marker "${marker}" not found`);
  const lineStart = text.lastIndexOf('\n', at) + 1;
  return text.slice(0, lineStart) + insertion + text.slice(lineStart);
}

function copyTemplate(dir: string, target: string, tokens: Record<string, string>, written: string[], root: string) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const source = path.join(dir, entry.name);
    const destination = path.join(target, fill(entry.name.replace(/\.tmpl$/, ''), tokens));
    if (entry.isDirectory()) {
      fs.mkdirSync(destination, { recursive: true });
      copyTemplate(source, destination, tokens, written, root);
    } else {
      fs.writeFileSync(destination, fill(fs.readFileSync(source, 'utf8'), tokens));
      written.push(path.relative(root, destination));
    }
  }
}

/** The shared types every subgraph declares (access log, data quality), taken from inventory's SDL. */
function sharedTypes(root: string, name: string): string {
  const sdl = fs.readFileSync(path.join(root, 'subgraphs', 'inventory', 'schema.graphql'), 'utf8');
  const start = sdl.indexOf('"The access logs of the domains');
  if (start < 0) throw new Error('subgraphs/inventory/schema.graphql: the AuditTrail block was not found');
  return sdl
    .slice(start)
    .replace(/\binventory\b/g, name)
    .trimEnd();
}

export function scaffoldSubgraph(options: ScaffoldOptions): ScaffoldResult {
  const { root, name } = options;
  if (!/^[a-z][a-z]{2,19}$/.test(name)) throw new Error(`name must be 3 to 20 lowercase letters (got "${name}")`);
  const configFile = path.join(root, 'shared', 'config.ts');
  const config = fs.readFileSync(configFile, 'utf8');
  const domainDir = path.join(root, 'subgraphs', name);
  if (new RegExp(`^\\s*'${name}',$`, 'm').test(config) || fs.existsSync(domainDir) || name === 'gateway')
    throw new Error(`a domain or service named ${name} exists already`);
  const usedPorts = [...config.matchAll(/^\s+[a-z]+: (\d{4,5}),$/gm)].map((match) => Number(match[1]));
  const port = options.port ?? Math.max(...usedPorts) + 1;
  if (!Number.isInteger(port) || port < 1024 || port > 65535) throw new Error(`--port must be 1024 to 65535`);
  if (usedPorts.includes(port)) throw new Error(`port ${port} is in use by another service`);
  const tokens = {
    ...templateNames(name),
    __team__: options.team ?? `${templateNames(name).__Name__} team`,
    __migration__: options.migrationStamp ?? new Date().toISOString().replace(/\D/g, '').slice(0, 10),
    __port__: String(port),
  };
  const { __Name__: Name, __NAME__: NAME, __Entity__: Entity, __entity__: entity } = tokens;

  const written: string[] = [];
  const edited: string[] = [];
  fs.mkdirSync(domainDir, { recursive: true });
  copyTemplate(TEMPLATE, domainDir, tokens, written, root);
  const schemaFile = path.join(domainDir, 'schema.graphql');
  fs.writeFileSync(
    schemaFile,
    fs.readFileSync(schemaFile, 'utf8').replace('__SHARED_TYPES__', () => sharedTypes(root, name)),
  );

  const seederFile = path.join(root, 'scripts', 'seed', `${name}.ts`);
  fs.writeFileSync(seederFile, seeder(tokens));
  written.push(path.relative(root, seederFile));

  const edit = (relative: string, change: (text: string) => string) => {
    const file = path.join(root, relative);
    const before = fs.readFileSync(file, 'utf8');
    const after = change(before);
    if (after === before) throw new Error(`${relative}: nothing to change`);
    fs.writeFileSync(file, after);
    edited.push(relative);
  };

  edit('shared/config.ts', (text) =>
    insertBefore(
      insertBefore(text, '// new:subgraph name', `  '${name}',\n`, 'shared/config.ts'),
      '// new:subgraph port',
      `  ${name}: ${port},\n`,
      'shared/config.ts',
    ),
  );
  edit('subgraphs/registry.ts', (text) =>
    insertBefore(
      insertBefore(
        text,
        '/** What the tooling needs from one domain. */',
        [
          `import * as ${name}Server from './${name}/src/server.js';`,
          `import { migrations as ${name}Migrations } from './${name}/src/db/migrations/index.js';`,
          `import { contracts as ${name}Contracts } from './${name}/src/events/published.js';`,
          `import { privacyConsumers as ${name}Privacy } from './${name}/src/privacy.js';`,
          '',
          '',
        ].join('\n'),
        'subgraphs/registry.ts',
      ).replace(/\n\n\n\/\*\* What the tooling/, '\n\n/** What the tooling'),
      '// new:subgraph entries',
      [
        `  ${name}: {`,
        `    createServer: ${name}Server.createServer,`,
        `    resolvers: ${name}Server.resolvers,`,
        `    migrations: ${name}Migrations,`,
        `    privacyConsumers: ${name}Privacy,`,
        `    contracts: ${name}Contracts,`,
        '    retention: [],',
        '  },',
        '',
      ].join('\n'),
      'subgraphs/registry.ts',
    ),
  );
  edit('codegen.ts', (text) =>
    insertBefore(
      text,
      '// new:subgraph codegen',
      [
        `  ${name}: {`,
        `    context: '../context.js#${Name}Context',`,
        `    mappers: { ${Entity}: '../db/${entity}.repository.js#${Entity} as ${Entity}Model' },`,
        '  },',
        '',
      ].join('\n'),
      'codegen.ts',
    ),
  );
  edit('scripts/seed/run.ts', (text) =>
    insertBefore(
      insertBefore(
        text,
        '// new:subgraph seeder imports',
        `import { seed${Name} } from './${name}.js';\n`,
        'scripts/seed/run.ts',
      ),
      '// new:subgraph seeders',
      `  ${name}: { migrations: DOMAINS.${name}.migrations, mainTable: '${name}', seed: seed${Name} },\n`,
      'scripts/seed/run.ts',
    ),
  );
  edit('shared/auth.ts', (text) =>
    insertBefore(text, "  'privacy:admin':", `  '${name}:write': 'create${Entity}',\n`, 'shared/auth.ts'),
  );
  edit('package.json', (text) => {
    const pkg = JSON.parse(text) as { scripts: Record<string, string> };
    const entries = Object.entries(pkg.scripts);
    const lastStart = entries.findLastIndex(([key]) => key.startsWith('start:') && key !== 'start:gateway');
    entries.splice(lastStart + 1, 0, [`start:${name}`, `tsx subgraphs/${name}/src/index.ts`]);
    pkg.scripts = Object.fromEntries(entries);
    return `${JSON.stringify(pkg, null, 2)}\n`;
  });
  edit('docker-compose.yml', (text) => {
    const database = `postgres://${name}_svc:\${${NAME}_DB_PASSWORD}@postgres:5432/${name}`;
    let out = insertBefore(
      text,
      '    volumes:\n      - ./docker/postgres-init.sh',
      `      ${NAME}_DB_PASSWORD: \${${NAME}_DB_PASSWORD:?set ${NAME}_DB_PASSWORD in .env}\n`,
      'docker-compose.yml',
    );
    out = insertBefore(
      out,
      '\n  # Health checks ask /health',
      `      ${NAME}_DATABASE_URL: ${database}\n`,
      'docker-compose.yml',
    );
    out = insertBefore(
      out,
      '  gateway:\n    <<: *service',
      [
        `  ${name}:`,
        '    <<: *service',
        `    command: ["${name}"]`,
        '    depends_on:',
        '      postgres:',
        '        condition: service_healthy',
        '    environment:',
        '      <<: *common-env',
        `      ${NAME}_HOST: 0.0.0.0`,
        `      ${NAME}_PORT: "${port}"`,
        `      ${NAME}_DATABASE_URL: ${database}`,
        '    healthcheck:',
        '      <<: *liveness',
        `      test: ["CMD", "node", "-e", "fetch('http://127.0.0.1:${port}/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]`,
        '',
        '',
      ].join('\n'),
      'docker-compose.yml',
    );
    out = insertBefore(
      out,
      '      SUBGRAPH_TIMEOUT_MS:',
      `      ${NAME}_URL: http://${name}:${port}/graphql\n`,
      'docker-compose.yml',
    );
    return insertBefore(
      out,
      '      seed:\n        condition: service_completed_successfully',
      `      ${name}:\n        condition: service_healthy\n`,
      'docker-compose.yml',
    );
  });
  edit('docker/postgres-init.sh', (text) => text.replace(/^(for domain in [a-z ]+)(; do)$/m, `$1 ${name}$2`));
  edit('docker/entrypoint.sh', (text) =>
    text
      .replace(/^(\s*[a-z| ]+)(\) exec node "dist\/subgraphs\/\$service)/m, `$1 | ${name}$2`)
      .replace(/(usage: mesh360 gateway\|[a-z|]+)(\|seed)/, `$1|${name}$2`)
      .replace(/(#\s+gateway \| [a-z| ]*[a-z])(\s+a long-running service)/, `$1 | ${name}$2`),
  );
  edit('.env.example', (text) => {
    const lines = text.trimEnd().split('\n');
    const last = lines.findLastIndex((line) => /^[A-Z]+_DB_PASSWORD=/.test(line));
    lines.splice(last + 1, 0, `${NAME}_DB_PASSWORD=change-me-${name}`);
    return `${lines.join('\n')}\n`;
  });
  edit('README.md', (text) =>
    insertBefore(
      insertBefore(text, '| `privacy:admin` |', `| \`${name}:write\` | \`create${Entity}\` |\n`, 'README.md'),
      '<!-- new:subgraph sections -->',
      [
        `### The ${name} domain`,
        '',
        `Owned by ${tokens.__team__}; port ${port} (\`npm run start:${name}\`), database schema \`${name}\`,`,
        `\`${NAME}_DATABASE_URL\` on Postgres. Its entity \`${Entity}\` is read with \`${entity}(id:)\` and`,
        `\`${name}(first:, after:)\` by any valid token and written with \`create${Entity}\` (\`${name}:write\`);`,
        `erasure deletes a customer's ${name} and export returns them (\`subgraphs/${name}/src/privacy.ts\`).`,
        '',
        '',
      ].join('\n'),
      'README.md',
    ),
  );
  return { port, written, edited };
}

/** The demo seeder of the new domain: one row for each of the first customers of the demo world. */
function seeder(tokens: Record<string, string>): string {
  const { __name__: name, __Name__: Name, __entity__: entity } = tokens;
  return `import type { Kysely } from 'kysely';
import type { ${Name}Database } from '../../subgraphs/${name}/src/db/database.js';
import type { DemoWorld } from './world.js';

/** Writes one ${entity} for each of the first customers of the world into the ${name} database only. */
export async function seed${Name}(
  db: Kysely<${Name}Database>,
  world: DemoWorld,
  progress?: (done: number, total: number) => void,
): Promise<void> {
  const total = Math.min(world.sizes.customers, 100);
  const rows = Array.from({ length: total }, (_, i) => ({
    id: \`${entity}-\${String(i + 1).padStart(5, '0')}\`,
    customer_id: world.customer(i).id,
    title: \`Sample ${entity} \${i + 1}\`,
  }));
  if (rows.length > 0) await db.insertInto('${name}').values(rows).execute();
  progress?.(total, total);
}
`;
}
