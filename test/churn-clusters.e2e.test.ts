// Churn risk and behavioural clusters through the gateway (issue 16): the jobs, the served versions,
// coded errors for bad arguments, reproducible clusters, and consent — a customer who refused
// ANALYTICS or objects to direct marketing is neither trained on nor scored, and an objection that
// arrives after scoring removes the stored score at once. Consent reaches orders as customers'
// events; here they are applied with the handler the orders consumer runs (the in-process mesh has
// no event transport, like its job-event relay).
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createWorld } from '../scripts/seed/world.js';
import { runJob } from '../shared/jobs/wait.js';
import { applyConsentToModels } from '../subgraphs/orders/src/events/consent.js';
import { useInProcessMesh } from './support/in-process-mesh.js';

const world = createWorld({ customers: 300, products: 40, orders: 3_000, campaigns: 2, touchpoints: 500 }, 23);
const harness = useInProcessMesh(world);

const RISK = `query($id: ID!) { customer(id: $id) { id churnRisk { probability band modelVersion } cluster { id label } } }`;

const consent = (customerId: string, purpose: string, status: string, seq: number) => ({
  id: randomUUID(),
  type: 'ConsentChanged',
  payload: { customerId, recordId: randomUUID(), seq, purpose, channel: 'EMAIL', status, source: 'test' },
});
const objection = (customerId: string, active: boolean, seq: number) => ({
  id: randomUUID(),
  type: 'PrivacyPreferenceChanged',
  payload: { customerId, recordId: randomUUID(), seq, kind: 'OBJECT_TO_DIRECT_MARKETING', active, source: 'test' },
});

/** Customers with a purchase, in id order. */
async function buyers(): Promise<string[]> {
  const rows = await harness.mesh.databases.orders.db
    .selectFrom('orders')
    .select('customer_id')
    .distinct()
    .where('status', 'not in', ['CANCELLED', 'REFUNDED'])
    .orderBy('customer_id')
    .execute();
  return rows.map((row: { customer_id: string }) => row.customer_id);
}

describe('churn risk and clusters', () => {
  it('answers coded errors for bad arguments and NOT_FOUND before the first model, writing nothing', async () => {
    const { mesh } = harness;
    const cases: [string, string][] = [
      ['mutation { fitChurnModel(horizonDays: 3) { id } }', 'BAD_USER_INPUT'],
      ['mutation { fitChurnModel(horizonDays: 400) { id } }', 'BAD_USER_INPUT'],
      ['mutation { fitChurnModel(asOf: "2999-01-01T00:00:00Z") { id } }', 'BAD_USER_INPUT'],
      ['mutation { fitCustomerClusters(k: 1) { id } }', 'BAD_USER_INPUT'],
      ['mutation { fitCustomerClusters(k: 11) { id } }', 'BAD_USER_INPUT'],
      ['mutation { fitCustomerClusters(seed: -1) { id } }', 'BAD_USER_INPUT'],
      ['query { customersAtChurnRisk(band: HIGH) { totalCount } }', 'NOT_FOUND'],
      ['query { churnModels(first: 0) { version } }', 'BAD_USER_INPUT'],
    ];
    for (const [text, code] of cases) {
      const result = await mesh.query(text);
      expect(result.errors?.[0]?.extensions?.code, `${text}: ${JSON.stringify(result.errors)}`).toBe(code);
    }
    const jobs = await mesh.databases.orders.db
      .selectFrom('jobs')
      .select('id')
      .where('kind', 'in', ['FIT_CHURN_MODEL', 'FIT_CUSTOMER_CLUSTERS'])
      .execute();
    expect(jobs).toEqual([]);
    const { churnModel, customerClusters } = await harness.ok(
      `{ churnModel { version } customerClusters { version } }`,
    );
    expect(churnModel).toBeNull();
    expect(customerClusters).toBeNull();
  });

  it('leaves out customers who refused ANALYTICS or object to direct marketing, and scores the others', async () => {
    const { mesh } = harness;
    const db = mesh.databases.orders.db;
    const [refused, objecting, reconsidered, control] = await buyers();
    await applyConsentToModels(db, consent(refused, 'ANALYTICS', 'OPT_OUT', 2));
    // An older record arriving late does not undo the refusal (highest seq wins).
    await applyConsentToModels(db, consent(refused, 'ANALYTICS', 'OPT_IN', 1));
    await applyConsentToModels(db, objection(objecting, true, 5));
    // An objection lifted later (higher seq) no longer excludes the customer.
    await applyConsentToModels(db, objection(reconsidered, true, 1));
    await applyConsentToModels(db, objection(reconsidered, false, 2));

    const request = mesh.graphRequest();
    await runJob(request, 'mutation { fitChurnModel(horizonDays: 90) { id } }');
    await runJob(request, 'mutation { fitCustomerClusters(seed: 7) { id } }');

    const { churnModel, customerClusters } = await harness.ok(
      `{ churnModel { version excludedCustomers scoredCustomers metrics { auc } bgNbdBaseline { auc } recencyBaseline { auc } bands { band customers } }
         customerClusters { excludedCustomers customers clusters { size } } }`,
    );
    expect(churnModel.excludedCustomers).toBe(2);
    expect(customerClusters.excludedCustomers).toBe(2);
    expect(churnModel.scoredCustomers).toBe((await buyers()).length - 2);
    expect(churnModel.bands.reduce((sum: number, b: any) => sum + b.customers, 0)).toBe(churnModel.scoredCustomers);
    expect(customerClusters.customers).toBe(churnModel.scoredCustomers);
    // The demo world's buyers drop out at random: the model ranks the holdout far better than chance.
    expect(churnModel.metrics.auc).toBeGreaterThan(0.7);
    expect(churnModel.metrics.auc).toBeGreaterThan(churnModel.bgNbdBaseline.auc);

    for (const id of [refused, objecting]) {
      const { customer } = await harness.ok(RISK, { id });
      expect(customer).toEqual({ id, churnRisk: null, cluster: null });
    }
    for (const id of [reconsidered, control]) {
      const { customer } = await harness.ok(RISK, { id });
      expect(customer.churnRisk.modelVersion).toBe(churnModel.version);
      expect(customer.churnRisk.probability).toBeGreaterThanOrEqual(0);
      expect(customer.churnRisk.probability).toBeLessThanOrEqual(1);
      expect(customer.cluster.label).toMatch(/\w/);
    }

    // An objection after scoring removes the person from every marketing score at once.
    await applyConsentToModels(db, objection(control, true, 9));
    expect((await harness.ok(RISK, { id: control })).customer).toEqual({ id: control, churnRisk: null, cluster: null });
  });

  it('gives the same clusters for the same data and seed, and bands that match the probabilities', async () => {
    const { mesh } = harness;
    const request = mesh.graphRequest();
    const first = await runJob(request, 'mutation { fitCustomerClusters(k: 3, seed: 11) { id } }');
    const second = await runJob(request, 'mutation { fitCustomerClusters(k: 3, seed: 11) { id } }');
    const db = mesh.databases.orders.db;
    const assignments = (version: string) =>
      db
        .selectFrom('cluster_assignments')
        .select(['customer_id', 'cluster'])
        .where('model_version', '=', Number(version))
        .orderBy('customer_id')
        .execute();
    const [a, b] = [await assignments(first.result!), await assignments(second.result!)];
    expect(a.length).toBeGreaterThan(100);
    expect(b).toEqual(a);
    const { customerClusters } = await harness.ok(`{ customerClusters { version k chosenBy silhouette } }`);
    expect(customerClusters).toEqual({ version: Number(second.result), k: 3, chosenBy: 'GIVEN', silhouette: null });

    const { customersAtChurnRisk } = await harness.ok(
      `{ customersAtChurnRisk(band: MEDIUM, first: 1000) { totalCount edges { churnRisk { probability band } } } }`,
    );
    expect(customersAtChurnRisk.edges.length).toBe(customersAtChurnRisk.totalCount);
    for (const { churnRisk } of customersAtChurnRisk.edges) {
      expect(churnRisk.band).toBe('MEDIUM');
      expect(churnRisk.probability).toBeGreaterThanOrEqual(0.5);
      expect(churnRisk.probability).toBeLessThan(0.8);
    }
  });

  it('lets an audience rule target a churn band and clusters, read through the graph like RFM segments', async () => {
    const { mesh } = harness;
    const campaign = (
      await harness.ok(`mutation { createCampaign(input: { name: "Win-back high risk", channel: EMAIL }) { id } }`)
    ).createCampaign.id;
    const segments = [
      'CHAMPIONS',
      'LOYAL',
      'CANT_LOSE',
      'AT_RISK',
      'HIBERNATING',
      'NEED_ATTENTION',
      'ABOUT_TO_SLEEP',
      'POTENTIAL_LOYALIST',
      'PROMISING',
      'NEW',
    ];
    const setRule = (rule: string) =>
      mesh.query(
        `mutation($id: ID!, $segments: [RfmSegment!]!) { setAudienceRule(campaignId: $id, rule: { segments: $segments, channel: EMAIL, ${rule} }) { audienceRule { churnBands clusters } } }`,
        {
          id: campaign,
          segments,
        },
      );
    for (const bad of ['churnBands: []', 'clusters: []', 'clusters: [0]', 'clusters: [11]']) {
      const result = await setRule(bad);
      expect(result.errors?.[0]?.extensions?.code, bad).toBe('BAD_USER_INPUT');
    }
    const set = await setRule('churnBands: [HIGH]');
    expect(set.errors).toBeUndefined();
    expect(set.data!.setAudienceRule.audienceRule).toEqual({ churnBands: ['HIGH'], clusters: null });
    await runJob(mesh.graphRequest(), 'mutation { refreshRfm { id } }');
    const job = await runJob(mesh.graphRequest(), `mutation($id: ID!) { buildAudience(campaignId: $id) { id } }`, {
      id: campaign,
    });

    // Expected: every HIGH-band customer of the served model with a current EMAIL opt-in.
    const high: string[] = [];
    let after: string | null = null;
    do {
      const page: any = (
        await harness.ok(
          `query($after: String) { customersAtChurnRisk(band: HIGH, first: 100, after: $after) { pageInfo { hasNextPage endCursor } nodes { id emailable: contactable(channel: EMAIL) } } }`,
          { after },
        )
      ).customersAtChurnRisk;
      high.push(...page.nodes.filter((n: any) => n.emailable).map((n: any) => n.id));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    const members = await mesh.databases.campaigns.db
      .selectFrom('audience_members')
      .select('customer_id')
      .where('campaign_id', '=', campaign)
      .where('version', '=', Number(job.result))
      .orderBy('customer_id')
      .execute();
    expect(high.length).toBeGreaterThan(0);
    expect(members.map((m: { customer_id: string }) => m.customer_id)).toEqual([...high].sort());
  });
});
