// Times the analytics jobs through a running mesh (start it on the large dataset first, see the
// README) next to a baseline measured in the same run: one full scan of the orders table by the
// orders database itself, the least any job over all orders can cost on this machine now.
//   npm run bench:jobs -- [--gateway http://127.0.0.1:4000/graphql] [--campaign cmp-0001] [--skip audience,attribution] [--token <jwt>]
// The job mutations start jobs; each figure is from a job's start to its end (polled with Query.job).
// The token (or MESH_TOKEN) needs analytics:run, marketing:read and adhoc: `npm run -s token -- --scopes analytics:run,marketing:read,adhoc`.
// ORDERS_DATABASE_URL (as for the orders service) enables the baseline; without it only the jobs are timed.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { type AnyDatabase, createDatabase } from '../shared/db.js';
import { runJob } from '../shared/jobs/wait.js';

const { values } = parseArgs({
  options: {
    gateway: { type: 'string', default: 'http://127.0.0.1:4000/graphql' },
    campaign: { type: 'string', default: 'cmp-0001' },
    skip: { type: 'string', default: '' },
    token: { type: 'string', default: process.env.MESH_TOKEN },
  },
});
const skip = new Set(values.skip!.split(',').filter(Boolean));

async function graph(query: string, variables?: Record<string, unknown>) {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    ...(values.token ? { authorization: `Bearer ${values.token}` } : {}),
  };
  const response = await fetch(values.gateway!, {
    method: 'POST',
    headers,
    body: JSON.stringify({ query, variables }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: the bench reads the few fields it asked for.
  const body = (await response.json()) as { data?: any; errors?: { message: string }[] };
  if (body.errors?.length) throw new Error(body.errors.map((e) => e.message).join('; '));
  return body.data;
}

/** Peak resident memory (VmHWM) of the running service whose command line mentions `entry`, Linux only. */
function peakRssMiB(entry: string): string {
  try {
    for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmdline.includes(entry) || cmdline.includes('tsx/dist/cli')) continue;
      const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (hwm) return `${(Number(hwm[1]) / 1024).toFixed(0)} MiB`;
    }
  } catch {
    // not Linux, or the process is gone
  }
  return 'n/a';
}

async function timed<T>(name: string, job: () => Promise<T>, describe: (result: T) => string) {
  const started = performance.now();
  const result = await job();
  const seconds = (performance.now() - started) / 1000;
  console.log(`${name.padEnd(34)} ${seconds.toFixed(2).padStart(8)} s   ${describe(result)}`);
  return seconds;
}

console.log(`mesh360 job bench against ${values.gateway}, node ${process.version}`);
let baseline: number | undefined;
if (process.env.ORDERS_DATABASE_URL) {
  const db = await createDatabase<AnyDatabase>({
    url: process.env.ORDERS_DATABASE_URL,
    schema: process.env.ORDERS_DB_SCHEMA ?? 'orders',
  });
  baseline = await timed(
    'baseline: scan every order',
    () => sql<{ n: number; revenue: number }>`select count(*) as n, sum(total) as revenue from orders`.execute(db),
    (r) => `${r.rows[0].n} orders`,
  );
  await db.destroy();
}

const results: [string, number][] = [];
const add = (name: string, seconds: number) => results.push([name, seconds]);

/** Starts a job and waits for it; then reads what it produced. */
const job =
  <T>(mutation: string, variables: Record<string, unknown> | undefined, read: (result: string | null) => Promise<T>) =>
  async () =>
    read((await runJob(graph, mutation, variables)).result);

add(
  'refreshRfm',
  await timed(
    'refreshRfm',
    job('mutation { refreshRfm { id } }', undefined, (asOf) =>
      graph('query($asOf: DateTime) { rfmSegments(asOf: $asOf) { customerCount } }', { asOf }),
    ),
    (d) => `${d.rfmSegments.customerCount} customers scored`,
  ),
);
add(
  'fitClvModel',
  await timed(
    'fitClvModel',
    // The fit just made, whatever its status (clvModel serves only a CONVERGED one).
    job('mutation { fitClvModel { id } }', undefined, () =>
      graph('{ clvModelFits(first: 1) { customers status bgNbd { r alpha a b iterations } } }'),
    ),
    ({ clvModelFits: [m] }) =>
      `${m.customers} customers; ${m.status} after ${m.bgNbd.iterations} iterations; r ${m.bgNbd.r.toFixed(3)} alpha ${m.bgNbd.alpha.toFixed(3)} a ${m.bgNbd.a.toFixed(3)} b ${m.bgNbd.b.toFixed(3)}`,
  ),
);
add(
  'mineAssociationRules',
  await timed(
    'mineAssociationRules (defaults)',
    job('mutation { mineAssociationRules { id } }', undefined, () =>
      graph('{ associationRuleMining { orderCount frequentItemsetCount ruleCount } }'),
    ),
    ({ associationRuleMining: d }) =>
      `${d.orderCount} baskets, ${d.frequentItemsetCount} itemsets, ${d.ruleCount} rules; orders service peak RSS ${peakRssMiB('subgraphs/orders/src/index.ts')}`,
  ),
);
if (!skip.has('audience')) {
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
  const { campaign } = await graph('query($id: ID!) { campaign(id: $id) { channel } }', { id: values.campaign });
  await graph(
    'mutation($id: ID!, $rule: AudienceRuleInput!) { setAudienceRule(campaignId: $id, rule: $rule) { id } }',
    { id: values.campaign, rule: { segments, channel: campaign.channel } },
  );
  const { rfmSegments } = await graph('{ rfmSegments { customerCount } }');
  const build = job(
    'mutation($id: ID!) { buildAudience(campaignId: $id) { id } }',
    { id: values.campaign },
    (version) =>
      graph('query($id: ID!, $version: Int) { campaign(id: $id) { audience(version: $version) { version size } } }', {
        id: values.campaign,
        version: Number(version),
      }),
  );
  add(
    'buildAudience',
    await timed(
      `buildAudience (all ${rfmSegments.customerCount} scored)`,
      build,
      (d) => `${d.campaign.audience.size} members (v${d.campaign.audience.version})`,
    ),
  );
}
if (!skip.has('attribution')) {
  const to = new Date();
  const from = new Date(to.getTime() - 30 * 86_400_000);
  for (const model of ['LINEAR', 'SHAPLEY']) {
    add(
      `attribution ${model}`,
      await timed(
        `attribution ${model}, last 30 days (job)`,
        job(
          `mutation($from: DateTime!, $to: DateTime!) { startAttribution(model: ${model}, from: $from, to: $to) { id } }`,
          { from: from.toISOString(), to: to.toISOString() },
          (id) => graph('query($id: ID!) { attributionReport(id: $id) { conversions conversionValue } }', { id }),
        ),
        (d) => `${d.attributionReport.conversions} conversions`,
      ),
    );
  }
}
if (baseline)
  for (const [name, seconds] of results) console.log(`${name}: ${(seconds / baseline).toFixed(1)}× the baseline scan`);
