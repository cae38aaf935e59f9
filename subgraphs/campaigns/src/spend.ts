// Campaign spend per day, and what it bought: ROAS (attributed revenue / spend) and cost per
// acquisition (spend / attributed conversions) per campaign and channel, under any attribution model.
import type { Kysely } from 'kysely';
import { BadUserInputError, NotFoundError } from '../../../shared/errors.js';
import { decimalToCents, money, type Money } from '../../../shared/money.js';
import { MARKETING_CHANNELS, type MarketingChannel } from './db/campaign.table.js';
import type { CampaignsDatabase } from './db/database.js';
import { sumSpendByCampaign, upsertSpend } from './db/spend.repository.js';

const DAY_MS = 86_400_000;
/** Budgets are in EUR; spend is too, so it can be set against the same revenue attribution credits. */
export const SPEND_CURRENCY = 'EUR';
/** numeric(12, 2): at most 10 digits before the point and 2 after. */
const AMOUNT = /^\d{1,10}(\.\d{1,2})?$/;

export interface RecordCampaignSpendInput {
  campaignId: string;
  day: string;
  amount: { amount: string; currency?: string | null };
}

/** A campaign's spend on one day, as CampaignSpend's resolvers receive it. */
export interface CampaignSpendModel {
  campaignId: string;
  day: string;
  amount: Money;
}

export async function recordCampaignSpend(
  db: Kysely<CampaignsDatabase>,
  input: RecordCampaignSpendInput,
): Promise<CampaignSpendModel> {
  const amount = input.amount.amount.trim();
  if (!AMOUNT.test(amount))
    throw new BadUserInputError(
      'amount is a decimal of at most 10 digits and 2 decimals, not negative (e.g. "125.50")',
      {
        argumentName: 'input.amount',
      },
    );
  const currency = (input.amount.currency ?? SPEND_CURRENCY).trim().toUpperCase();
  if (currency !== SPEND_CURRENCY)
    throw new BadUserInputError(`spend is recorded in ${SPEND_CURRENCY}, the currency of campaign budgets`, {
      argumentName: 'input.amount',
    });
  const row = await upsertSpend(db, { campaign_id: input.campaignId, day: input.day, amount, currency });
  if (!row)
    throw new NotFoundError(`No campaign with id ${input.campaignId}`, {
      campaignId: input.campaignId,
      argumentName: 'input.campaignId',
    });
  return { campaignId: row.campaign_id, day: row.day, amount: money(decimalToCents(row.amount), row.currency) };
}

/** The UTC days whose start lies in [from, to), as inclusive YYYY-MM-DD bounds; null when there is none. */
export function spendDays(from: Date, to: Date): { first: string; last: string } | null {
  const first = Math.ceil(from.getTime() / DAY_MS) * DAY_MS;
  const last = Math.floor((to.getTime() - 1) / DAY_MS) * DAY_MS;
  if (first > last) return null;
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { first: day(first), last: day(last) };
}

export interface Credit {
  conversions: number;
  revenue: number;
}

interface Return extends Credit {
  spendCents: bigint;
}

/** ROAS and cost per acquisition of a spend and the credit it earned; null where the divisor is 0. */
export function returnOf({ spendCents, revenue, conversions }: Return) {
  const spend = Number(spendCents) / 100;
  return {
    spend: money(spendCents, SPEND_CURRENCY),
    revenue,
    conversions,
    roas: spendCents > 0n ? revenue / spend : null,
    // Conversions are fractional under the multi-touch models: the only rounding, to the cent, is here.
    costPerAcquisition: conversions > 0 ? money(BigInt(Math.round((spend / conversions) * 100)), SPEND_CURRENCY) : null,
  };
}

/** What one campaign earned in an attribution report (CampaignCredit): the campaign by id. */
export interface CampaignCreditModel extends Credit {
  campaignId: string;
}

/** A campaign's spend against its credit (CampaignReturn): the campaign by id. */
export type CampaignReturnModel = { campaignId: string } & ReturnType<typeof returnOf>;

/** What a period's spend bought (AttributionReturns). */
export interface AttributionReturnsModel {
  totalSpend: Money;
  roas: number | null;
  byCampaign: CampaignReturnModel[];
  byChannel: ({ channel: MarketingChannel } & ReturnType<typeof returnOf>)[];
}

export interface AttributedReport {
  from: Date;
  to: Date;
  conversionValue: number;
  byChannel: ({ channel: MarketingChannel } & Credit)[];
  byCampaign: CampaignCreditModel[];
}

/**
 * An attribution report's credits set against the spend of its period (the days whose UTC start lies
 * in [from, to)): every campaign with spend or credit, and every channel with either, where a
 * channel's spend is the spend of the campaigns run on it.
 */
export async function attributionReturns(
  db: Kysely<CampaignsDatabase>,
  report: AttributedReport,
): Promise<AttributionReturnsModel> {
  const days = spendDays(report.from, report.to);
  const spend = days ? await sumSpendByCampaign(db, days.first, days.last) : [];
  const campaigns = new Map<string, Return>(
    report.byCampaign.map((c) => [c.campaignId, { spendCents: 0n, revenue: c.revenue, conversions: c.conversions }]),
  );
  const channels = new Map<MarketingChannel, Return>(
    report.byChannel.map((c) => [c.channel, { spendCents: 0n, revenue: c.revenue, conversions: c.conversions }]),
  );
  let total = 0n;
  for (const row of spend) {
    const cents = decimalToCents(row.amount);
    total += cents;
    const campaign = campaigns.get(row.campaign_id) ?? { spendCents: 0n, revenue: 0, conversions: 0 };
    campaign.spendCents += cents;
    campaigns.set(row.campaign_id, campaign);
    const channel = channels.get(row.channel) ?? { spendCents: 0n, revenue: 0, conversions: 0 };
    channel.spendCents += cents;
    channels.set(row.channel, channel);
  }
  return {
    totalSpend: money(total, SPEND_CURRENCY),
    roas: total > 0n ? report.conversionValue / (Number(total) / 100) : null,
    byCampaign: [...campaigns]
      .map(([campaignId, r]) => ({ campaignId, ...returnOf(r) }))
      .sort((a, b) => (a.campaignId < b.campaignId ? -1 : a.campaignId > b.campaignId ? 1 : 0)),
    byChannel: MARKETING_CHANNELS.filter((channel) => channels.has(channel)).map((channel) => ({
      channel,
      ...returnOf(channels.get(channel)!),
    })),
  };
}
