// The funnel of a campaign or channel: exposure (impression or open) → click → cart → order, each
// step taken in order by the same customer within a window after their first exposure in the period.
// Touchpoints are this domain's own; carts and orders come from the read models the orders domain's
// events feed (cart_activity_facts, order_facts), so a funnel is as fresh as those events.
import type { Kysely } from 'kysely';
import { BadUserInputError } from '../../../shared/errors.js';
import type { MarketingChannel } from './db/campaign.table.js';
import type { CampaignsDatabase } from './db/database.js';
import { findFunnelEvents, type FunnelEventRow } from './db/funnel.repository.js';
import { CONVERTING_STATUSES } from './order-facts.js';

const DAY_MS = 86_400_000;
export const FUNNEL_STEPS = ['EXPOSURE', 'CLICK', 'CART', 'ORDER'] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];
export const MAX_FUNNEL_PERIOD_DAYS = 366;
export const MAX_FUNNEL_WINDOW_DAYS = 90;

export interface FunnelArgs {
  from: Date;
  to: Date;
  windowDays?: number | null;
  campaignId?: string;
  channel?: MarketingChannel | null;
}

export function validateFunnelArgs(args: FunnelArgs): FunnelArgs & { windowDays: number } {
  const windowDays = args.windowDays ?? 7;
  if (!(args.from < args.to)) throw new BadUserInputError('from must be before to', { argumentName: 'from' });
  if (args.to.getTime() - args.from.getTime() > MAX_FUNNEL_PERIOD_DAYS * DAY_MS)
    throw new BadUserInputError(`the period may span at most ${MAX_FUNNEL_PERIOD_DAYS} days`, { argumentName: 'to' });
  if (!Number.isInteger(windowDays) || windowDays < 1 || windowDays > MAX_FUNNEL_WINDOW_DAYS)
    throw new BadUserInputError(`windowDays must be an integer between 1 and ${MAX_FUNNEL_WINDOW_DAYS}`, {
      argumentName: 'windowDays',
    });
  return { ...args, windowDays };
}

/**
 * One customer's path through the funnel from their events (time order): the first exposure in
 * [from, to), then the first click at or after it, the first cart activity at or after that click,
 * the first order at or after that cart activity, all within `windowMs` of the exposure. Returns
 * the time of each step reached, in step order (empty when not exposed in the period).
 */
export function customerPath(
  events: readonly { step: FunnelStep; at: Date }[],
  from: Date,
  to: Date,
  windowMs: number,
): number[] {
  const path: number[] = [];
  let end = Number.POSITIVE_INFINITY;
  for (const event of events) {
    const at = event.at.getTime();
    const next = FUNNEL_STEPS[path.length];
    if (next === undefined) break;
    if (event.step !== next) continue;
    if (path.length === 0) {
      if (at < from.getTime() || at >= to.getTime()) continue;
      end = at + windowMs;
    } else if (at < path[path.length - 1] || at > end) continue;
    path.push(at);
  }
  return path;
}

/** The middle value (mean of the two middle ones for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Counts, step conversion and median time from the previous step, from every customer's path. */
export function funnelSteps(paths: readonly number[][]) {
  return FUNNEL_STEPS.map((step, index) => {
    const reached = paths.filter((path) => path.length > index);
    const previous = index === 0 ? null : paths.filter((path) => path.length > index - 1).length;
    const first = paths.filter((path) => path.length > 0).length;
    return {
      step,
      customers: reached.length,
      conversionFromPrevious: previous ? reached.length / previous : null,
      conversionFromFirst: index === 0 || !first ? null : reached.length / first,
      medianSecondsFromPrevious:
        index === 0 ? null : median(reached.map((path) => (path[index] - path[index - 1]) / 1000)),
    };
  });
}

/** A funnel as Funnel's resolvers receive it: the campaign by id (null for a channel funnel). */
export interface FunnelModel {
  from: Date;
  to: Date;
  windowDays: number;
  campaignId: string | null;
  channel: MarketingChannel | null;
  steps: ReturnType<typeof funnelSteps>;
}

/** Campaign.funnel and Query.channelFunnel. */
export async function funnel(db: Kysely<CampaignsDatabase>, input: FunnelArgs): Promise<FunnelModel> {
  const args = validateFunnelArgs(input);
  const windowMs = args.windowDays * DAY_MS;
  const rows = await findFunnelEvents(
    db,
    {
      campaignId: args.campaignId,
      channel: args.channel ?? undefined,
      from: args.from,
      to: args.to,
      until: new Date(args.to.getTime() + windowMs),
    },
    CONVERTING_STATUSES,
  );
  const paths: number[][] = [];
  let start = 0;
  // Rows come grouped by customer, in time order within a customer.
  for (let i = 1; i <= rows.length; i++) {
    if (i < rows.length && rows[i].customer_id === rows[start].customer_id) continue;
    const path = customerPath(rows.slice(start, i) as FunnelEventRow[], args.from, args.to, windowMs);
    if (path.length > 0) paths.push(path);
    start = i;
  }
  return {
    from: args.from,
    to: args.to,
    windowDays: args.windowDays,
    campaignId: args.campaignId ?? null,
    channel: args.channel ?? null,
    steps: funnelSteps(paths),
  };
}
