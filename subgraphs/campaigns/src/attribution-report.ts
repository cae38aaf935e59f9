// Query.attribution: conversions from the orders domain (through the graph), touchpoints from this
// domain's own table, credited under one model.
import type { Kysely } from 'kysely';
import { BadUserInputError } from '../../../shared/errors.js';
import type { GraphClient } from '../../../shared/graph-client.js';
import { AttributionAccumulator, type AttributionModel, type Touch } from './attribution.js';
import { MARKETING_CHANNELS } from './db/campaign.table.js';
import type { CampaignsDatabase } from './db/database.js';
import { findTouchpointsOfCustomers } from './db/touchpoint.repository.js';
import { convertingOrders } from './order-facts.js';
import { findAttributionReport } from './db/attribution-report.repository.js';
import { isUuid } from '../../../shared/jobs/graphql.js';
import type { AttributedReport } from './spend.js';

/** An attribution report as AttributionReport's resolvers receive it (returns is computed from it). */
export interface AttributionReportModel extends AttributedReport {
  model: AttributionModel;
  lookbackDays: number;
  conversions: number;
  unattributedConversions: number;
  unattributedValue: number;
  /** When a stored report was computed; absent for one computed on request. */
  computedAt?: Date | null;
}

const DAY_MS = 86_400_000;
export const MAX_PERIOD_DAYS = 366;
export const MAX_LOOKBACK_DAYS = 365;

export interface AttributionArgs {
  model: AttributionModel;
  from: Date;
  to: Date;
  lookbackDays?: number | null;
}

/** Checks the period and lookback; the answer has the lookback's default filled in. */
export function validateAttributionArgs(args: AttributionArgs): AttributionArgs & { lookbackDays: number } {
  const lookbackDays = args.lookbackDays ?? 30;
  if (!(args.from < args.to)) throw new BadUserInputError('from must be before to', { argumentName: 'from' });
  if (args.to.getTime() - args.from.getTime() > MAX_PERIOD_DAYS * DAY_MS)
    throw new BadUserInputError(`the period may span at most ${MAX_PERIOD_DAYS} days`, { argumentName: 'to' });
  if (!Number.isInteger(lookbackDays) || lookbackDays < 1 || lookbackDays > MAX_LOOKBACK_DAYS) {
    throw new BadUserInputError(`lookbackDays must be an integer between 1 and ${MAX_LOOKBACK_DAYS}`, {
      argumentName: 'lookbackDays',
    });
  }
  return { ...args, lookbackDays };
}

/** Credits the period's orders under one model; progress is the share of the period read so far (orders come oldest first). */
export async function attributionReport(
  db: Kysely<CampaignsDatabase>,
  graph: GraphClient,
  input: AttributionArgs,
  progress?: (fraction: number) => void,
): Promise<AttributionReportModel> {
  const args = validateAttributionArgs(input);
  const { lookbackDays } = args;
  const period = args.to.getTime() - args.from.getTime();
  const lookbackMs = lookbackDays * DAY_MS;
  const accumulator = new AttributionAccumulator(args.model);
  for await (const orders of convertingOrders(graph, { from: args.from, to: args.to })) {
    if (orders.length === 0) continue;
    // One statement per page of orders: every touchpoint of its customers in the page's windows.
    const customers = [...new Set(orders.map((order) => order.customerId))];
    const earliest = new Date(orders[0].placedAt.getTime() - lookbackMs);
    const rows = await findTouchpointsOfCustomers(db, customers, earliest, orders[orders.length - 1].placedAt);
    const byCustomer = new Map<string, Touch[]>();
    for (const row of rows) {
      const touches = byCustomer.get(row.customer_id) ?? [];
      touches.push({ id: row.id, campaignId: row.campaign_id, channel: row.channel, occurredAt: row.occurred_at });
      byCustomer.set(row.customer_id, touches);
    }
    for (const order of orders) {
      const windowStart = order.placedAt.getTime() - lookbackMs;
      const touches = (byCustomer.get(order.customerId) ?? []).filter(
        (t) => t.occurredAt.getTime() >= windowStart && t.occurredAt <= order.placedAt,
      );
      accumulator.add(
        { orderId: order.id, customerId: order.customerId, placedAt: order.placedAt, value: order.total },
        touches,
      );
    }
    progress?.((orders[orders.length - 1].placedAt.getTime() - args.from.getTime()) / period);
  }
  const totals = accumulator.result();
  return {
    model: args.model,
    from: args.from,
    to: args.to,
    lookbackDays,
    conversions: totals.conversions,
    conversionValue: totals.conversionValue,
    unattributedConversions: totals.unattributedConversions,
    unattributedValue: totals.unattributedValue,
    byChannel: MARKETING_CHANNELS.filter((channel) => totals.byChannel.has(channel)).map((channel) => ({
      channel,
      ...totals.byChannel.get(channel)!,
    })),
    byCampaign: [...totals.byCampaign]
      .map(([campaignId, credit]) => ({ campaignId, ...credit }))
      .sort((a, b) => b.revenue - a.revenue || (a.campaignId < b.campaignId ? -1 : 1)),
  };
}

/** A report an attribution job stored, by its id (the job's result); null when there is none. */
export async function storedAttributionReport(
  db: Kysely<CampaignsDatabase>,
  id: string,
): Promise<AttributionReportModel | null> {
  const row = isUuid(id) ? await findAttributionReport(db, id) : undefined;
  if (!row) return null;
  return { ...row.report, from: new Date(row.report.from), to: new Date(row.report.to), computedAt: row.computed_at };
}
