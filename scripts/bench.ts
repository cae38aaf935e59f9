// Load benchmark of what the edge costs. Starts its own mesh in a child process (scripts/bench-mesh.ts:
// four subgraphs on in-memory PGlite behind two gateways, one with the full edge and one with
// `edgeSecurity: false`), so the load generator here never shares an event loop with the servers.
// Runs the two card queries against both gateways interleaved (off, on, off, on...), each run
// --seconds long with --connections concurrent request loops, and prints per-run figures, the median
// over rounds, the overhead of the edge (throughput, p50, p99, and the mesh's CPU time per request,
// the figure least moved by other load on the machine), errors (must be 0), the mesh's resident memory,
// then one JSON line of the figures.
//   npm run bench -- [--seconds 5] [--connections 20] [--rounds 3] [--customers 1000]
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '3' },
    customers: { type: 'string', default: '1000' },
  },
});
const seconds = Number(values.seconds);
const connections = Number(values.connections);
const rounds = Number(values.rounds);
const customerCount = Number(values.customers);
if (
  !(seconds > 0 && seconds <= 300) ||
  !(connections >= 1 && connections <= 200) ||
  !(Number.isInteger(rounds) && rounds >= 1 && rounds <= 20)
) {
  console.error('--seconds must be in (0, 300], --connections in [1, 200] and --rounds an integer in [1, 20]');
  process.exit(2);
}

type Mode = 'off' | 'on';

interface Mesh {
  pid: number;
  secured: string;
  unsecured: string;
  token: string;
  customers: number;
  campaigns: number;
}

// ---- the mesh under test, in its own process -------------------------------------------------

const meshEntry = path.join(path.dirname(fileURLToPath(import.meta.url)), 'bench-mesh.ts');
// Same node and loader flags as this process (tsx), so the child's pid is the server process itself.
const child = spawn(process.execPath, [...process.execArgv, meshEntry, '--customers', String(customerCount)], {
  stdio: ['pipe', 'pipe', 'inherit'],
});
let childExited = false;
child.on('exit', (code, signal) => {
  childExited = true;
  if (!finished) {
    console.error(`the bench mesh exited early (code ${code}, signal ${signal})`);
    process.exit(1);
  }
});
let finished = false;

function stopChild(): Promise<void> {
  if (childExited) return Promise.resolve();
  return new Promise((resolve) => {
    const killTimer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(killTimer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
process.on('SIGINT', () => {
  finished = true;
  console.error('\ninterrupted: stopping the bench mesh');
  void stopChild().then(() => process.exit(130));
});
// Last resort if this process dies another way: the child also stops when its stdin closes.
process.on('exit', () => {
  if (!childExited) child.kill('SIGTERM');
});

async function waitForMesh(): Promise<Mesh> {
  const lines = createInterface({ input: child.stdout! });
  const timeout = setTimeout(() => {
    console.error('the bench mesh did not become ready within 5 minutes');
    process.exit(1);
  }, 300_000);
  for await (const line of lines) {
    if (!line.startsWith('{')) continue;
    clearTimeout(timeout);
    return JSON.parse(line) as Mesh;
  }
  throw new Error('the bench mesh closed its output before it was ready');
}

/** Resident memory of the mesh child (current and peak), from /proc/<its pid>/status; Linux only. */
function childMemoryMiB(): { rss?: number; peak?: number } {
  try {
    const status = fs.readFileSync(`/proc/${child.pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1]) || undefined;
    const toMiB = (value?: number) => (value === undefined ? undefined : Math.round(value / 1024));
    return { rss: toMiB(kb('VmRSS')), peak: toMiB(kb('VmHWM')) };
  } catch {
    return {};
  }
}

/**
 * CPU time the mesh child has used so far (user + system, all its threads), in ms, from
 * /proc/<its pid>/stat. CPU per request barely moves when other processes compete for the machine,
 * unlike throughput and latency, so it is the steadier measure of what the edge costs.
 */
function childCpuMs(): number | undefined {
  try {
    // Fields after the parenthesised command name: state is [0], utime is [11], stime is [12].
    const fields = fs.readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ').pop()!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}
// USER_HZ: 100 on every Linux the project runs on (getconf CLK_TCK).
const CLOCK_TICKS_PER_SECOND = 100;

// ---- load -----------------------------------------------------------------------------------

interface Scenario {
  name: string;
  query: string;
  variables: (i: number) => Record<string, unknown>;
}

// Ids are spread with a stride coprime to the counts, so consecutive requests ask for unrelated rows.
const spread = (i: number, count: number) => ((i * 7919) % count) + 1;

function scenarios(mesh: Mesh): Scenario[] {
  return [
    {
      name: 'customer 360',
      query: `query Customer360Bench($id: ID!) { customer(id: $id) { id displayName email consents { purpose channel status }
        purchaseStats { orderCount totalSpent lastOrderAt }
        orders(first: 3) { nodes { id total lines { quantity product { name availableQuantity } } } }
        touchpoints(first: 5) { nodes { kind campaign { name } } } } }`,
      variables: (i) => ({ id: `cus-${String(spread(i, mesh.customers)).padStart(7, '0')}` }),
    },
    {
      name: 'promotable products',
      query:
        'query PromotableBench($id: ID!) { campaign(id: $id) { name promotableProducts(first: 10) { sku availableQuantity } } }',
      variables: (i) => ({ id: `cmp-${String(spread(i, mesh.campaigns)).padStart(4, '0')}` }),
    },
  ];
}

interface RunResult {
  scenario: string;
  mode: Mode;
  round: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  firstError?: string;
  /** Mesh CPU time (all its threads) per request. */
  cpuMsPerRequest?: number;
  rssMiB?: number;
}

async function run(mesh: Mesh, scenario: Scenario, mode: Mode, duration: number): Promise<Omit<RunResult, 'round'>> {
  const url = mode === 'on' ? mesh.secured : mesh.unsecured;
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' };
  if (mode === 'on') headers.authorization = `Bearer ${mesh.token}`;
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let counter = 0;
  const fail = (reason: string) => {
    errors++;
    firstError ??= reason.slice(0, 300);
  };
  const cpuBefore = childCpuMs();
  const startedAt = performance.now();
  const deadline = startedAt + duration * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < deadline) {
        const i = counter++;
        const started = performance.now();
        try {
          const response = await fetch(url, {
            method: 'POST',
            headers,
            body: JSON.stringify({ query: scenario.query, variables: scenario.variables(i) }),
          });
          const text = await response.text();
          // Any non-200, GraphQL error or missing data is an error: a fast refusal must not pass for throughput.
          if (response.status !== 200) fail(`HTTP ${response.status}: ${text}`);
          else {
            const body = JSON.parse(text) as { data?: Record<string, unknown> | null; errors?: unknown[] };
            if (body.errors?.length || !body.data || Object.values(body.data).some((value) => value === null))
              fail(text);
          }
        } catch (err) {
          fail((err as Error).message);
        }
        latencies.push(performance.now() - started);
      }
    }),
  );
  const elapsed = (performance.now() - startedAt) / 1000;
  const cpuAfter = childCpuMs();
  const cpuMsPerRequest =
    cpuBefore === undefined || cpuAfter === undefined
      ? undefined
      : (cpuAfter - cpuBefore) / Math.max(latencies.length, 1);
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? NaN;
  return {
    scenario: scenario.name,
    mode,
    requests: latencies.length,
    rps: latencies.length / elapsed,
    p50: pct(0.5),
    p99: pct(0.99),
    errors,
    firstError,
    cpuMsPerRequest,
  };
}

// ---- report ---------------------------------------------------------------------------------

const median = (numbers: number[]) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const round1 = (value: number) => Math.round(value * 10) / 10;
const signed = (value: number) => `${value >= 0 ? '+' : ''}${value.toFixed(1)}%`;

function describe(result: RunResult): string {
  return `${result.scenario.padEnd(20)} ${result.mode.padEnd(3)}  ${result.rps.toFixed(0).padStart(6)} req/s  p50 ${result.p50.toFixed(1).padStart(6)} ms  p99 ${result.p99.toFixed(1).padStart(6)} ms  mesh CPU ${result.cpuMsPerRequest?.toFixed(1) ?? 'n/a'} ms/req  errors ${result.errors}/${result.requests}  mesh RSS ${result.rssMiB ?? 'n/a'} MiB`;
}

const mesh = await waitForMesh();
const cases = scenarios(mesh);
console.log(
  `mesh360 bench: edge security off vs on, ${rounds} rounds × ${seconds}s per run, ${connections} connections, ` +
    `${mesh.customers} customers, node ${process.version}, mesh pid ${mesh.pid} (load generator pid ${process.pid})`,
);

// Warm-up, not counted: JIT, connection pools, the gateways' query-plan caches, PGlite's buffers.
// As long as a run: a shorter one left the first measured run (always 'off') visibly cold.
for (const scenario of cases) for (const mode of ['off', 'on'] as const) await run(mesh, scenario, mode, seconds);
const afterWarmup = childMemoryMiB();

// Other work on the machine moves both modes' figures far more than the edge does: say so.
const loadBefore = os.loadavg()[0];
const results: RunResult[] = [];
for (let round = 1; round <= rounds; round++) {
  for (const scenario of cases) {
    for (const mode of ['off', 'on'] as const) {
      const result: RunResult = { ...(await run(mesh, scenario, mode, seconds)), round, rssMiB: childMemoryMiB().rss };
      results.push(result);
      console.log(`round ${round}  ${describe(result)}`);
      if (result.firstError) console.log(`          first error: ${result.firstError}`);
    }
  }
}
const memory = childMemoryMiB();
const loadAfter = os.loadavg()[0];
const cpus = os.availableParallelism();

console.log(`\nmedian over ${rounds} rounds`);
console.log(
  `${'scenario'.padEnd(20)} mode  ${'req/s'.padStart(6)}  ${'p50 ms'.padStart(7)}  ${'p99 ms'.padStart(7)}  ${'CPU ms/req'.padStart(10)}  errors`,
);
const figures = cases.map((scenario) => {
  const byMode = Object.fromEntries(
    (['off', 'on'] as const).map((mode) => {
      const runs = results.filter((r) => r.scenario === scenario.name && r.mode === mode);
      return [
        mode,
        {
          rps: round1(median(runs.map((r) => r.rps))),
          p50: round1(median(runs.map((r) => r.p50))),
          p99: round1(median(runs.map((r) => r.p99))),
          cpuMsPerRequest: round1(median(runs.map((r) => r.cpuMsPerRequest ?? NaN))),
          errors: runs.reduce((sum, r) => sum + r.errors, 0),
          requests: runs.reduce((sum, r) => sum + r.requests, 0),
        },
      ];
    }),
  ) as Record<
    Mode,
    { rps: number; p50: number; p99: number; cpuMsPerRequest: number; errors: number; requests: number }
  >;
  for (const mode of ['off', 'on'] as const) {
    const m = byMode[mode];
    console.log(
      `${scenario.name.padEnd(20)} ${mode.padEnd(4)}  ${m.rps.toFixed(0).padStart(6)}  ${m.p50.toFixed(1).padStart(7)}  ${m.p99.toFixed(1).padStart(7)}  ${m.cpuMsPerRequest.toFixed(1).padStart(10)}  ${m.errors}/${m.requests}`,
    );
  }
  const overhead = {
    throughputDropPct: round1((1 - byMode.on.rps / byMode.off.rps) * 100),
    p50IncreasePct: round1((byMode.on.p50 / byMode.off.p50 - 1) * 100),
    p99IncreasePct: round1((byMode.on.p99 / byMode.off.p99 - 1) * 100),
    cpuPerRequestIncreasePct: round1((byMode.on.cpuMsPerRequest / byMode.off.cpuMsPerRequest - 1) * 100),
  };
  console.log(
    `${''.padEnd(20)} edge overhead: throughput ${signed(-overhead.throughputDropPct)}, p50 ${signed(overhead.p50IncreasePct)}, p99 ${signed(overhead.p99IncreasePct)}, mesh CPU per request ${signed(overhead.cpuPerRequestIncreasePct)}`,
  );
  return { scenario: scenario.name, off: byMode.off, on: byMode.on, overhead };
});
const errorCount = results.reduce((sum, r) => sum + r.errors, 0);
console.log(`\nerrors: ${errorCount}${errorCount ? '  <-- must be 0: the figures above are not valid' : ''}`);
console.log(
  `machine: ${cpus} CPUs, 1-minute load ${loadBefore.toFixed(1)} before the measured runs, ${loadAfter.toFixed(1)} after` +
    (Math.max(loadBefore, loadAfter) > cpus
      ? '  <-- busier than its CPUs: other processes competed with the bench, expect noisy figures'
      : ''),
);
console.log(
  `mesh process (pid ${mesh.pid}, all subgraphs and both gateways) RSS: ${afterWarmup.rss ?? 'n/a'} MiB after warm-up, ${memory.rss ?? 'n/a'} MiB at the end, peak ${memory.peak ?? 'n/a'} MiB`,
);
console.log(
  JSON.stringify({
    bench: 'edge-overhead',
    node: process.version,
    seconds,
    connections,
    rounds,
    customers: mesh.customers,
    scenarios: figures,
    errors: errorCount,
    machine: { cpus, loadBefore: round1(loadBefore), loadAfter: round1(loadAfter) },
    meshRssMiB: { afterWarmup: afterWarmup.rss, end: memory.rss, peak: memory.peak },
    runs: results.map(({ firstError: _firstError, ...r }) => ({
      ...r,
      rps: round1(r.rps),
      p50: round1(r.p50),
      p99: round1(r.p99),
      cpuMsPerRequest: r.cpuMsPerRequest === undefined ? undefined : round1(r.cpuMsPerRequest),
    })),
  }),
);

finished = true;
await stopChild();
process.exit(errorCount > 0 ? 1 : 0);
