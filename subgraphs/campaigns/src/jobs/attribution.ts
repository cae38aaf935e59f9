// ATTRIBUTION: one attribution report over a window too long for a query's timeout, stored and read by id.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { GraphClient } from '../../../../shared/graph-client.js';
import type { JobHandler } from '../../../../shared/jobs/runner.js';
import type { AttributionModel } from '../attribution.js';
import { attributionReport } from '../attribution-report.js';
import { insertAttributionReport } from '../db/attribution-report.repository.js';
import type { CampaignsDatabase } from '../db/database.js';

export interface AttributionParams {
  model: AttributionModel;
  from: string;
  to: string;
  lookbackDays: number;
}

/** The target of an attribution job: the same question asked twice is one job. */
export const attributionTarget = (params: AttributionParams) =>
  `${params.model}:${params.from}:${params.to}:${params.lookbackDays}`;

/** Resumable: the report is written once, at the end. Result: the report id (Query.attributionReport). */
export const attributionJob = (db: Kysely<CampaignsDatabase>, graph: GraphClient): JobHandler<AttributionParams> => ({
  kind: 'ATTRIBUTION',
  scope: 'analytics:run',
  resumable: true,
  run: async (job) => {
    const { params } = job;
    const report = await attributionReport(
      db,
      graph,
      { model: params.model, from: new Date(params.from), to: new Date(params.to), lookbackDays: params.lookbackDays },
      job.progress,
    );
    const id = randomUUID();
    await insertAttributionReport(db, {
      id,
      jobId: job.id,
      computedAt: new Date(),
      report: { ...report, from: report.from.toISOString(), to: report.to.toISOString() },
    });
    return id;
  },
});
