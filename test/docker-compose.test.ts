// Docker cannot run containers on the CI machines, so this test reads docker-compose.yml, the
// Dockerfile, its entry point and the Postgres bootstrap, and checks that the services are wired to
// each other the way the code expects. test/build.e2e.test.ts runs the compiled services themselves.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PORTS, SUBGRAPH_NAMES } from '../shared/config.js';
import { ROOT } from '../gateway/src/compose.js';

interface Service {
  build?: unknown;
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: string[];
  volumes?: string[];
}

const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');
const composeText = read('docker-compose.yml');
const compose = parse(composeText, { merge: true }) as { services: Record<string, Service> };
const dockerfile = read('Dockerfile');
const entrypoint = read('docker/entrypoint.sh');
const initScript = read('docker/postgres-init.sh');
const envExample = read('.env.example');

/** The value of an interpolated secret: `${NAME}` or `${NAME:?message}`, never a literal. */
const secretRef = (name: string) => String.raw`\$\{${name}(?::\?[^}]*)?\}`;
/** What `mesh360 <service>` runs, read from docker/entrypoint.sh. */
function entrypointTarget(service: string): string | undefined {
  for (const match of entrypoint.matchAll(/^\s*([a-z| ]+)\)\s*exec node "?([^"\s]+)"?/gm)) {
    const names = match[1].split('|').map((name) => name.trim());
    if (names.includes(service)) return match[2].replace('$service', service);
  }
  return undefined;
}

describe('docker-compose.yml', () => {
  const { services } = compose;

  it('has Postgres, every subgraph, the seeder and the gateway', () => {
    expect(Object.keys(services).sort()).toEqual([...SUBGRAPH_NAMES, 'gateway', 'postgres', 'seed'].sort());
    expect(services.postgres.healthcheck?.test.join(' ')).toMatch(/pg_isready/);
  });

  it('holds no password: every secret is interpolated from the environment or .env', () => {
    expect(services.postgres.environment?.POSTGRES_PASSWORD).toMatch(new RegExp(`^${secretRef('POSTGRES_PASSWORD')}$`));
    for (const [name, service] of Object.entries(services)) {
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        if (/PASSWORD|SECRET|TOKEN|PRIVATE_KEY/.test(key))
          expect(value, `${name}.${key}`).toMatch(/^\$\{[A-Z_]+(:\?[^}]*)?\}$/);
        // user:password@ in a URL must take the password from a variable
        const credentials = /^[a-z]+:\/\/[^:/@]+:([^@]*)@/.exec(String(value));
        if (credentials) expect(credentials[1], `${name}.${key}`).toMatch(/^\$\{[A-Z_]+\}$/);
      }
    }
    expect(composeText).not.toMatch(/postgres:postgres@|PASSWORD:\s*['"]?[\w-]+['"]?\s*$/m);
    // .env.example names every variable the file interpolates, and git never sees a real .env.
    for (const variable of new Set([...composeText.matchAll(/\$\{([A-Z_]+)/g)].map((match) => match[1]))) {
      expect(envExample).toMatch(new RegExp(`^${variable}=`, 'm'));
    }
    expect(read('.gitignore')).toMatch(/^\.env$/m);
  });

  it('bootstraps one least-privilege role per domain, owning only its schema, passwords from env', () => {
    expect(services.postgres.volumes).toContain(
      './docker/postgres-init.sh:/docker-entrypoint-initdb.d/10-domains.sh:ro',
    );
    expect(initScript).toContain(`for domain in ${SUBGRAPH_NAMES.join(' ')}; do`);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the shell's parameter expansion, checked literally.
    expect(initScript).toContain('password_var="${domain^^}_DB_PASSWORD"');
    expect(initScript).toMatch(/CREATE ROLE :"role" LOGIN PASSWORD :'password' NOSUPERUSER NOCREATEDB NOCREATEROLE/);
    expect(initScript).toContain('REVOKE ALL ON DATABASE :"domain" FROM PUBLIC;');
    expect(initScript).toContain('CREATE SCHEMA :"domain" AUTHORIZATION :"role";');
    for (const name of SUBGRAPH_NAMES) {
      const variable = `${name.toUpperCase()}_DB_PASSWORD`;
      expect(services.postgres.environment?.[variable]).toMatch(new RegExp(`^${secretRef(variable)}$`));
    }
  });

  for (const name of SUBGRAPH_NAMES) {
    it(`wires the ${name} subgraph to its own database and role only, with a liveness health check`, () => {
      const service = services[name];
      const prefix = name.toUpperCase();
      const env = service.environment ?? {};
      expect(env[`${prefix}_DATABASE_URL`]).toBe(
        `postgres://${name}_svc:\${${prefix}_DB_PASSWORD}@postgres:5432/${name}`,
      );
      for (const key of Object.keys(env)) {
        if (key.endsWith('_DATABASE_URL')) expect(key).toBe(`${prefix}_DATABASE_URL`);
        if (key.endsWith('_DB_PASSWORD')) expect(key).toBe(`${prefix}_DB_PASSWORD`);
      }
      expect(env[`${prefix}_HOST`]).toBe('0.0.0.0');
      const port = Number(env[`${prefix}_PORT`]);
      expect(port).toBe(DEFAULT_PORTS[name]);
      const check = service.healthcheck?.test.join(' ');
      expect(check).toContain(`127.0.0.1:${port}/health'`);
      expect(check).not.toMatch(/\/ready/);
      expect(service.depends_on?.postgres?.condition).toBe('service_healthy');
      // The image's entry point runs the compiled subgraph for this command.
      expect(service.command).toEqual([name]);
      expect(entrypointTarget(name)).toBe(`dist/subgraphs/${name}/src/index.js`);
      // The gateway reaches it under its service name on the same port.
      expect(services.gateway.environment?.[`${prefix}_URL`]).toBe(`http://${name}:${port}/graphql`);
      expect(services.gateway.depends_on?.[name]?.condition).toBe('service_healthy');
    });
  }

  it('seeds every database, through each domain’s own role, before the gateway opens', () => {
    const seed = services.seed;
    expect(seed.command).toEqual(['seed', '--if-empty']);
    expect(entrypointTarget('seed')).toBe('dist/scripts/seed.js');
    for (const name of SUBGRAPH_NAMES) {
      expect(seed.environment?.[`${name.toUpperCase()}_DATABASE_URL`]).toBe(
        services[name].environment?.[`${name.toUpperCase()}_DATABASE_URL`],
      );
    }
    expect(services.gateway.depends_on?.seed?.condition).toBe('service_completed_successfully');
  });

  it('points campaigns and orders at the gateway they query as clients', () => {
    expect(services.campaigns.environment?.CAMPAIGNS_GRAPH_URL).toBe(`http://gateway:${DEFAULT_PORTS.gateway}/graphql`);
    expect(services.orders.environment?.ORDERS_GRAPH_URL).toBe(`http://gateway:${DEFAULT_PORTS.gateway}/graphql`);
  });

  it('shares the local keys volume between every mesh service, so tokens and proofs verify', () => {
    for (const name of ['gateway', 'seed', ...SUBGRAPH_NAMES]) {
      expect(services[name].volumes, name).toContain('keys:/app/.data/keys');
      expect(services[name].environment?.MESH_KEYS_DIR).toBe('/app/.data/keys');
    }
  });

  it('publishes only the gateway, with a liveness health check', () => {
    const gateway = services.gateway;
    expect(gateway.ports).toEqual(['4000:4000']);
    for (const name of SUBGRAPH_NAMES) expect(services[name].ports).toBeUndefined();
    expect(gateway.environment?.GATEWAY_HOST).toBe('0.0.0.0');
    expect(gateway.healthcheck?.test.join(' ')).toContain(`127.0.0.1:${DEFAULT_PORTS.gateway}/health'`);
    expect(gateway.command).toEqual(['gateway']);
    expect(entrypointTarget('gateway')).toBe('dist/gateway/src/index.js');
  });
});

describe('Dockerfile', () => {
  const stages = dockerfile.split(/^FROM /m).slice(1);
  const runtime = stages.at(-1)!;

  it('builds in one stage and runs in another, with production dependencies only', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/RUN npm ci --no-audit --no-fund\n[\s\S]*RUN npm run build/);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(runtime).toMatch(/COPY --from=build \/app\/dist \.\/dist/);
    expect(runtime).not.toMatch(/COPY \. |npm run build|tsx/);
    expect(runtime).toMatch(/ENV NODE_ENV=production/);
  });

  it('builds the marketing console and ships it where the compiled gateway serves it from', () => {
    const build = stages.find((stage) => /^\S+ AS build$/m.test(stage.split('\n')[0]!))!;
    // The console's sources go into the build stage and the console build runs there, forced: a
    // build left in the context would otherwise count as current.
    expect(build).toMatch(/^COPY console \.\/console$/m);
    expect(build).toMatch(/^RUN npm run console:build -- --force$/m);
    expect(build.indexOf('COPY console ./console')).toBeLessThan(build.indexOf('RUN npm run console:build'));
    // The gateway serves ROOT/console/dist; compiled, ROOT is dist/ (gateway/src/compose.ts).
    expect(read('gateway/src/gateway.ts')).toContain("distDir: path.join(ROOT, 'console', 'dist')");
    expect(read('gateway/src/compose.ts')).toContain(
      "path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')",
    );
    expect(runtime).toMatch(/^COPY --from=build \/app\/console\/dist \.\/dist\/console\/dist$/m);
    // No console source and no Vite at run time: only the bundle.
    expect(runtime).not.toMatch(/COPY console|console:build|vite/);
    expect(read('.dockerignore').split('\n')).toContain('console/dist');
    // The console build needs nothing the build stage lacks: Vite and its React plugin are installed there.
    const packageJson = JSON.parse(read('package.json')) as {
      devDependencies: Record<string, string>;
      scripts: Record<string, string>;
    };
    expect(packageJson.devDependencies.vite).toBeDefined();
    expect(packageJson.scripts['console:build']).toBe('tsx scripts/console-build.ts');
  });

  it('runs as a non-root user under tini, the service chosen by the command', () => {
    expect(runtime).toMatch(/apt-get install -y --no-install-recommends tini/);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toContain('ENTRYPOINT ["/usr/bin/tini", "--", "mesh360"]');
    expect(runtime).toContain('COPY docker/entrypoint.sh /usr/local/bin/mesh360');
    // ESM: the compiled files need package.json's "type": "module" beside them.
    expect(runtime).toMatch(/COPY package\.json \.\//);
  });

  it('needs no tsx at run time: it is a dev dependency, and the entry point execs node', () => {
    const packageJson = JSON.parse(read('package.json')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    expect(packageJson.dependencies.tsx).toBeUndefined();
    expect(packageJson.devDependencies.tsx).toBeDefined();
    const commands = entrypoint
      .split('\n')
      .filter((line) => !line.trimStart().startsWith('#'))
      .join('\n');
    expect(commands).not.toMatch(/tsx|npm /);
    for (const service of ['gateway', ...SUBGRAPH_NAMES, 'seed', 'token'])
      expect(entrypointTarget(service), service).toMatch(/^dist\/.*\.js$/);
  });
});
