// Docker cannot run containers on the CI machines, so this test reads docker-compose.yml and checks
// that the services are wired to each other the way the code expects.
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
}

const compose = parse(fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, Service> };
const packageJson = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
const initSql = fs.readFileSync(path.join(ROOT, 'docker', 'postgres-init.sql'), 'utf8');

describe('docker-compose.yml', () => {
  const { services } = compose;

  it('has Postgres, the four subgraphs, the seeder and the gateway', () => {
    expect(Object.keys(services).sort()).toEqual(['campaigns', 'customers', 'gateway', 'inventory', 'orders', 'postgres', 'seed']);
    expect(services.postgres.healthcheck?.test.join(' ')).toMatch(/pg_isready/);
  });

  for (const name of SUBGRAPH_NAMES) {
    it(`wires the ${name} subgraph to its own database only, with a health check`, () => {
      const service = services[name];
      const prefix = name.toUpperCase();
      const env = service.environment ?? {};
      expect(env[`${prefix}_DATABASE_URL`]).toMatch(new RegExp(`@postgres:5432/${name}$`));
      expect(initSql).toMatch(new RegExp(`CREATE DATABASE ${name};`));
      for (const key of Object.keys(env)) {
        if (key.endsWith('_DATABASE_URL')) expect(key).toBe(`${prefix}_DATABASE_URL`);
      }
      expect(env[`${prefix}_HOST`]).toBe('0.0.0.0');
      const port = Number(env[`${prefix}_PORT`]);
      expect(port).toBe(DEFAULT_PORTS[name]);
      expect(service.healthcheck?.test.join(' ')).toContain(`127.0.0.1:${port}/ready`);
      expect(service.depends_on?.postgres?.condition).toBe('service_healthy');
      const script = service.command?.at(-1);
      expect(packageJson.scripts[script!]).toBe(`tsx subgraphs/${name}/src/index.ts`);
      // The gateway reaches it under its service name on the same port.
      expect(services.gateway.environment?.[`${prefix}_URL`]).toBe(`http://${name}:${port}/graphql`);
      expect(services.gateway.depends_on?.[name]?.condition).toBe('service_healthy');
    });
  }

  it('seeds every database before the gateway opens', () => {
    const seed = services.seed;
    expect(seed.command).toEqual(['npm', 'run', 'seed', '--', '--if-empty']);
    for (const name of SUBGRAPH_NAMES) {
      expect(seed.environment?.[`${name.toUpperCase()}_DATABASE_URL`]).toBe(services[name].environment?.[`${name.toUpperCase()}_DATABASE_URL`]);
    }
    expect(services.gateway.depends_on?.seed?.condition).toBe('service_completed_successfully');
  });

  it('points campaigns at the gateway it queries as a client', () => {
    expect(services.campaigns.environment?.CAMPAIGNS_GRAPH_URL).toBe(`http://gateway:${DEFAULT_PORTS.gateway}/graphql`);
  });

  it('publishes the gateway with a readiness health check', () => {
    const gateway = services.gateway;
    expect(gateway.ports).toEqual(['4000:4000']);
    expect(gateway.environment?.GATEWAY_HOST).toBe('0.0.0.0');
    expect(gateway.healthcheck?.test.join(' ')).toContain('/readiness');
    expect(packageJson.scripts[gateway.command!.at(-1)!]).toBe('tsx gateway/src/index.ts');
  });
});
