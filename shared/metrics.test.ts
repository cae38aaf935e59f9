import DataLoader from 'dataloader';
import type { Histogram } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { measureBatches, metricsRegistry, metricsText, watchPool } from './metrics.js';

async function batchSizes(loader: string): Promise<{ count: number; sum: number; buckets: Record<string, number> }> {
  const metric = await (metricsRegistry.getSingleMetric('mesh360_dataloader_batch_size') as Histogram).get();
  const mine = metric.values.filter((value) => value.labels.loader === loader && value.labels.subgraph === 'test');
  const metricValue = (name: string) => mine.find((value) => value.metricName === name)?.value ?? 0;
  const buckets = Object.fromEntries(
    mine
      .filter((value) => value.metricName?.endsWith('_bucket'))
      .map((value) => [String(value.labels.le), value.value]),
  );
  return {
    count: metricValue('mesh360_dataloader_batch_size_count'),
    sum: metricValue('mesh360_dataloader_batch_size_sum'),
    buckets,
  };
}

describe('measureBatches', () => {
  const measured = measureBatches('test');

  it('observes the number of keys of every batch and passes the results through in key order', async () => {
    const loader = new DataLoader(measured('doubled', async (keys: readonly number[]) => keys.map((key) => key * 2)));
    expect(await Promise.all([loader.load(1), loader.load(2), loader.load(3)])).toEqual([2, 4, 6]);
    expect(await loader.load(4)).toBe(8);

    const sizes = await batchSizes('doubled');
    expect(sizes.count).toBe(2);
    expect(sizes.sum).toBe(4);
    expect(sizes.buckets['1']).toBe(1);
    expect(sizes.buckets['5']).toBe(2);
  });

  it('keeps loaders apart by name and still counts a batch whose function fails', async () => {
    const failing = new DataLoader(measured('failing', async () => Promise.reject(new Error('database down'))));
    await expect(failing.load('a')).rejects.toThrow('database down');
    expect((await batchSizes('failing')).count).toBe(1);
    expect((await batchSizes('unused')).count).toBe(0);
  });
});

describe('watchPool', () => {
  it('reports a pool at scrape time and forgets it once it has ended', async () => {
    const pool = { totalCount: 4, idleCount: 1, waitingCount: 2, ended: false };
    watchPool('sales', pool);
    const { body } = await metricsText();
    expect(body).toContain('mesh360_db_pool_connections{schema="sales"} 4');
    expect(body).toContain('mesh360_db_pool_idle_connections{schema="sales"} 1');
    expect(body).toContain('mesh360_db_pool_waiting_requests{schema="sales"} 2');
    pool.ended = true;
    expect((await metricsText()).body).not.toContain('schema="sales"');
  });
});
