// Data quality through the gateway: each domain measures its own data (completeness, validity,
// uniqueness, freshness of what it consumes) and one query reads every domain's report.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createWorld } from '../scripts/seed/world.js';
import { useInProcessMesh } from './support/in-process-mesh.js';

const world = createWorld({ customers: 40, products: 12, orders: 120, campaigns: 2, touchpoints: 60 }, 31);
const running = useInProcessMesh(world);

const QUALITY = `query DataQuality {
  dataQuality {
    customers { ...report }
    orders { ...report }
    inventory { ...report }
    campaigns { ...report }
  }
}
fragment report on DomainQuality {
  domain rows lastChangeAt
  checks { name dimension checked failing passingRatio }
  consumers { consumer producer position secondsSinceLastApplied deadLetters }
}`;

describe('data quality', () => {
  it('reports every domain, each measured on its own data, and finds what is wrong', async () => {
    // Two profiles that are one person twice, and an order whose total disagrees with its lines.
    const customers = running.mesh.databases.customers.db;
    await sql`insert into customers (id, first_name, last_name, birth_date, country)
      values ('dup-1', 'Ada', 'Lovelace', '1815-12-10', 'GB'), ('dup-2', 'ada', 'LOVELACE', '1815-12-10', 'GB')`.execute(
      customers,
    );
    const orders = running.mesh.databases.orders.db;
    const [order] = (await sql<{ id: string }>`select id from orders order by id limit 1`.execute(orders)).rows;
    await sql`update orders set total = total + 1 where id = ${order.id}`.execute(orders);

    const result = await running.mesh.query(QUALITY);
    expect(result.errors).toBeUndefined();
    const report = result.data.dataQuality;
    expect(Object.keys(report)).toEqual(['customers', 'orders', 'inventory', 'campaigns']);
    const check = (domain: string, name: string) => report[domain].checks.find((c: any) => c.name === name);
    expect(report.customers.rows).toBe(42);
    expect(check('customers', 'no likely duplicate profile')).toMatchObject({ dimension: 'UNIQUENESS', failing: 2 });
    // 1815 is before 1900: the same rows are implausible birth dates.
    expect(check('customers', 'birth date is plausible').failing).toBe(2);
    expect(check('orders', 'total matches the lines')).toMatchObject({ dimension: 'VALIDITY', failing: 1 });
    expect(report.orders.rows).toBe(120);
    for (const domain of Object.values(report) as any[]) {
      expect(domain.checks.length).toBeGreaterThan(2);
      for (const c of domain.checks) {
        expect(c.failing).toBeLessThanOrEqual(c.checked);
        expect(c.passingRatio).toBeCloseTo(c.checked === 0 ? 1 : (c.checked - c.failing) / c.checked, 4);
      }
    }
  });

  it('needs schema:read', async () => {
    const result = await running.mesh.query(QUALITY, undefined, await running.mesh.token(['marketing:read', 'adhoc']));
    expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('the catalogue page', () => {
  it("shows each domain's data quality to a reader with schema:read, read through the graph", async () => {
    const token = await running.mesh.token(['schema:read']);
    const response = await fetch(new URL('/catalogue', running.mesh.url), {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<h2 id="data-quality">Data quality</h2>');
    for (const domain of ['customers', 'orders', 'inventory', 'campaigns', 'reviews'])
      expect(html, domain).toContain(`<h3 id="quality-${domain}">${domain}</h3>`);
    expect(html).not.toContain('Not available');
    // The planted problems of the test above, as the page shows them.
    expect(html).toMatch(/<td>no likely duplicate profile<\/td><td>UNIQUENESS<\/td><td>\d+<\/td><td>2<\/td>/);
    expect(html).toMatch(/<td>total matches the lines<\/td><td>VALIDITY<\/td><td>\d+<\/td><td>1<\/td>/);
  });
});
