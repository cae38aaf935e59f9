// Multi-touch attribution (MARKETING.md): each conversion's value is credited to the touchpoints
// of its customer in the lookback window before it, under one of six models. Every model's credits
// sum to the conversion value (and its conversion count).
import type { MarketingChannel } from './db/campaign.table.js';
import { MARKETING_CHANNELS } from './db/campaign.table.js';

export const ATTRIBUTION_MODELS = [
  'FIRST_TOUCH',
  'LAST_TOUCH',
  'LINEAR',
  'POSITION_BASED',
  'TIME_DECAY',
  'SHAPLEY',
] as const;
export type AttributionModel = (typeof ATTRIBUTION_MODELS)[number];

export interface Touch {
  id: string;
  campaignId: string;
  channel: MarketingChannel;
  occurredAt: Date;
}

export interface Conversion {
  orderId: string;
  customerId: string;
  placedAt: Date;
  value: number;
}

const DAY_MS = 86_400_000;
/** TIME_DECAY halves a touch's weight for every 7 days between it and the conversion. */
export const TIME_DECAY_HALF_LIFE_DAYS = 7;

/** Touches in time order, ties by id, so "first" and "last" are well defined. */
export function inJourneyOrder(touches: readonly Touch[]): Touch[] {
  return [...touches].sort(
    (a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** Each touch's share of one conversion under a rule-based model (all but SHAPLEY); shares sum to 1. */
export function touchWeights(
  model: Exclude<AttributionModel, 'SHAPLEY'>,
  journey: readonly Touch[],
  conversionAt: Date,
): number[] {
  const n = journey.length;
  switch (model) {
    case 'FIRST_TOUCH':
      return journey.map((_, i) => (i === 0 ? 1 : 0));
    case 'LAST_TOUCH':
      return journey.map((_, i) => (i === n - 1 ? 1 : 0));
    case 'LINEAR':
      return journey.map(() => 1 / n);
    case 'POSITION_BASED':
      if (n === 1) return [1];
      if (n === 2) return [0.5, 0.5];
      return journey.map((_, i) => (i === 0 || i === n - 1 ? 0.4 : 0.2 / (n - 2)));
    case 'TIME_DECAY': {
      const raw = journey.map(
        (touch) => 2 ** (-(conversionAt.getTime() - touch.occurredAt.getTime()) / DAY_MS / TIME_DECAY_HALF_LIFE_DAYS),
      );
      const total = raw.reduce((sum, w) => sum + w, 0);
      return raw.map((w) => w / total);
    }
  }
}

export interface Credit {
  conversions: number;
  revenue: number;
}

export interface AttributionTotals {
  conversions: number;
  conversionValue: number;
  unattributedConversions: number;
  unattributedValue: number;
  byChannel: Map<MarketingChannel, Credit>;
  byCampaign: Map<string, Credit>;
}

const channelBit = (channel: MarketingChannel) => 1 << MARKETING_CHANNELS.indexOf(channel);

function add<K>(map: Map<K, Credit>, key: K, conversions: number, revenue: number) {
  const credit = map.get(key) ?? { conversions: 0, revenue: 0 };
  credit.conversions += conversions;
  credit.revenue += revenue;
  map.set(key, credit);
}

/**
 * Accumulates attribution over conversions fed in batches, in constant memory: rule-based models
 * credit each touch as it comes; SHAPLEY keeps only per-channel-set totals and per-(channel,
 * campaign) touch counts, and computes the values at the end.
 */
export class AttributionAccumulator {
  private readonly totals: AttributionTotals = {
    conversions: 0,
    conversionValue: 0,
    unattributedConversions: 0,
    unattributedValue: 0,
    byChannel: new Map(),
    byCampaign: new Map(),
  };
  /** SHAPLEY: conversions and value per channel set (bit mask over MARKETING_CHANNELS). */
  private readonly bySet = new Map<number, Credit>();
  /** SHAPLEY: touches per channel and campaign, to split a channel's credit among its campaigns. */
  private readonly campaignTouches = new Map<MarketingChannel, Map<string, number>>();

  constructor(private readonly model: AttributionModel) {}

  add(conversion: Conversion, touches: readonly Touch[]): void {
    if (touches.length === 0) {
      this.totals.unattributedConversions += 1;
      this.totals.unattributedValue += conversion.value;
      return;
    }
    this.totals.conversions += 1;
    this.totals.conversionValue += conversion.value;
    const journey = inJourneyOrder(touches);
    if (this.model === 'SHAPLEY') {
      const mask = journey.reduce((bits, touch) => bits | channelBit(touch.channel), 0);
      add(this.bySet, mask, 1, conversion.value);
      for (const touch of journey) {
        const perCampaign = this.campaignTouches.get(touch.channel) ?? new Map<string, number>();
        perCampaign.set(touch.campaignId, (perCampaign.get(touch.campaignId) ?? 0) + 1);
        this.campaignTouches.set(touch.channel, perCampaign);
      }
      return;
    }
    const weights = touchWeights(this.model, journey, conversion.placedAt);
    journey.forEach((touch, i) => {
      if (weights[i] === 0) return;
      add(this.totals.byChannel, touch.channel, weights[i], weights[i] * conversion.value);
      add(this.totals.byCampaign, touch.campaignId, weights[i], weights[i] * conversion.value);
    });
  }

  result(): AttributionTotals {
    if (this.model !== 'SHAPLEY') return this.totals;
    const players = MARKETING_CHANNELS.filter((channel) =>
      [...this.bySet.keys()].some((mask) => mask & channelBit(channel)),
    );
    const conversions = shapleyValues(players, (set) => this.valueOf(set, 'conversions'));
    const revenue = shapleyValues(players, (set) => this.valueOf(set, 'revenue'));
    const byChannel = new Map<MarketingChannel, Credit>();
    const byCampaign = new Map<string, Credit>();
    for (const channel of players) {
      byChannel.set(channel, { conversions: conversions.get(channel)!, revenue: revenue.get(channel)! });
      const perCampaign = this.campaignTouches.get(channel)!;
      const touches = [...perCampaign.values()].reduce((sum, n) => sum + n, 0);
      for (const [campaignId, n] of perCampaign)
        add(byCampaign, campaignId, (conversions.get(channel)! * n) / touches, (revenue.get(channel)! * n) / touches);
    }
    return { ...this.totals, byChannel, byCampaign };
  }

  /** v(S): conversions (or value) of the journeys whose channel set is a subset of S. */
  private valueOf(set: number, field: keyof Credit): number {
    let total = 0;
    for (const [mask, credit] of this.bySet) if ((mask & set) === mask) total += credit[field];
    return total;
  }
}

/**
 * Shapley values of a cooperative game over the channels: φᵢ = Σ over S ⊆ N∖{i} of
 * |S|!(n−|S|−1)!/n! · (v(S∪{i}) − v(S)). Sets are bit masks over MARKETING_CHANNELS.
 */
export function shapleyValues(
  players: readonly MarketingChannel[],
  v: (set: number) => number,
): Map<MarketingChannel, number> {
  const n = players.length;
  const factorial = (k: number): number => (k <= 1 ? 1 : k * factorial(k - 1));
  const bits = players.map(channelBit);
  const values = new Map<MarketingChannel, number>();
  players.forEach((player, i) => {
    let phi = 0;
    const others = bits.filter((_, j) => j !== i);
    for (let subset = 0; subset < 1 << others.length; subset++) {
      let set = 0;
      let size = 0;
      others.forEach((bit, j) => {
        if (subset & (1 << j)) {
          set |= bit;
          size += 1;
        }
      });
      phi += ((factorial(size) * factorial(n - size - 1)) / factorial(n)) * (v(set | bits[i]) - v(set));
    }
    values.set(player, phi);
  });
  return values;
}
