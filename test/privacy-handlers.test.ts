// Every domain takes part in data-subject requests: a subgraph folder without a privacy handler,
// one the request does not wait for, or one whose service does not run it fails here, so a fifth
// domain cannot be added and forget erasure and export (docs/privacy.md).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../gateway/src/compose.js';
import { SUBGRAPH_NAMES } from '../shared/config.js';
import { DEFAULT_CUSTOMERS_SETTINGS } from '../subgraphs/customers/src/settings.js';

const domains = fs
  .readdirSync(path.join(ROOT, 'subgraphs'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

describe('data-subject request handlers', () => {
  it('finds the domains', () => {
    expect(domains.length).toBeGreaterThanOrEqual(4);
  });

  it.each(domains)('%s has a handler, runs it, and every request waits for it', async (domain) => {
    const file = path.join(ROOT, 'subgraphs', domain, 'src', 'privacy.ts');
    expect(fs.existsSync(file), `subgraphs/${domain}/src/privacy.ts`).toBe(true);
    const module = (await import(file)) as {
      privacyConsumers?: (settings: unknown) => { name: string; producer: string; types: readonly string[] }[];
    };
    expect(typeof module.privacyConsumers, `${domain}: export privacyConsumers`).toBe('function');
    const consumer = module.privacyConsumers!(DEFAULT_CUSTOMERS_SETTINGS).find(
      (candidate) => candidate.name === `${domain}-data-subject-requests`,
    );
    expect(consumer, `${domain}: a consumer made by dataSubjectRequestConsumer('${domain}', ...)`).toMatchObject({
      producer: 'customers',
      types: expect.arrayContaining(['DataSubjectRequested', 'DataSubjectRequestClosed']),
      maxAttempts: Number.POSITIVE_INFINITY,
    });
    // Customers opens one PENDING part per known subgraph and completes when all are DONE.
    expect(SUBGRAPH_NAMES as readonly string[]).toContain(domain);
    const server = fs.readFileSync(path.join(ROOT, 'subgraphs', domain, 'src', 'server.ts'), 'utf8');
    expect(server, `${domain}: server.ts runs privacyConsumers with its background consumers`).toMatch(
      /backgroundConsumers\([^;]*privacyConsumers\(/s,
    );
  });
});
