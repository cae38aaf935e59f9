import { describe, expect, it } from 'vitest';
import {
  ATTRIBUTION_MODELS,
  AttributionAccumulator,
  shapleyValues,
  touchWeights,
  type AttributionModel,
  type Touch,
} from '../src/attribution.js';
import type { MarketingChannel } from '../src/db/campaign.table.js';

const DAY = 86_400_000;
const AT = new Date('2026-10-15T12:00:00.000Z');
let seq = 0;
const touch = (channel: MarketingChannel, daysBefore: number, campaignId = `cmp-${channel}`): Touch => ({
  id: `tp-${String(++seq).padStart(4, '0')}`,
  channel,
  campaignId,
  occurredAt: new Date(AT.getTime() - daysBefore * DAY),
});
const conversion = (value: number, id = 'o1') => ({ orderId: id, customerId: 'c1', placedAt: AT, value });

function attribute(model: AttributionModel, journeys: [number, Touch[]][]) {
  const acc = new AttributionAccumulator(model);
  for (const [i, [value, touches]] of journeys.entries()) acc.add(conversion(value, `o${i}`), touches);
  return acc.result();
}

const revenueByChannel = (result: ReturnType<typeof attribute>) =>
  Object.fromEntries([...result.byChannel].map(([channel, credit]) => [channel, credit.revenue]));

describe('rule-based models on hand-computed journeys', () => {
  it('give a one-touch journey all of the credit under every model', () => {
    for (const model of ATTRIBUTION_MODELS) {
      const result = attribute(model, [[80, [touch('EMAIL', 2)]]]);
      expect(revenueByChannel(result), model).toEqual({ EMAIL: 80 });
      expect(result.byChannel.get('EMAIL')!.conversions, model).toBe(1);
    }
  });

  it('split a two-touch journey (EMAIL 3 days, SMS 1 day before) as each model defines', () => {
    const journey = (): Touch[] => [touch('SMS', 1), touch('EMAIL', 3)];
    expect(revenueByChannel(attribute('FIRST_TOUCH', [[100, journey()]]))).toEqual({ EMAIL: 100 });
    expect(revenueByChannel(attribute('LAST_TOUCH', [[100, journey()]]))).toEqual({ SMS: 100 });
    expect(revenueByChannel(attribute('LINEAR', [[100, journey()]]))).toEqual({ EMAIL: 50, SMS: 50 });
    expect(revenueByChannel(attribute('POSITION_BASED', [[100, journey()]]))).toEqual({ EMAIL: 50, SMS: 50 });
    // 2^(−3/7) = 0.742997, 2^(−1/7) = 0.905724; EMAIL gets 0.742997 / 1.648721 = 45.065%.
    const decay = revenueByChannel(attribute('TIME_DECAY', [[100, journey()]]));
    expect(decay.EMAIL).toBeCloseTo(45.065, 3);
    expect(decay.SMS).toBeCloseTo(54.935, 3);
  });

  it('give POSITION_BASED 40/10/10/40 over four touches and TIME_DECAY 4/7, 2/7, 1/7 at 0, 7 and 14 days', () => {
    const four = [touch('EMAIL', 10), touch('SMS', 8), touch('PUSH', 5), touch('DISPLAY', 1)];
    expect(touchWeights('POSITION_BASED', four, AT)).toEqual([0.4, 0.1, 0.1, 0.4]);
    const three = [touch('EMAIL', 14), touch('SMS', 7), touch('PUSH', 0)];
    const weights = touchWeights('TIME_DECAY', three, AT);
    expect(weights[0]).toBeCloseTo(1 / 7, 12);
    expect(weights[1]).toBeCloseTo(2 / 7, 12);
    expect(weights[2]).toBeCloseTo(4 / 7, 12);
  });

  it('break a tie in time by touchpoint id for FIRST_TOUCH and LAST_TOUCH', () => {
    const a = { ...touch('EMAIL', 2), id: 'tp-a' };
    const b = { ...touch('SMS', 2), id: 'tp-b' };
    expect(revenueByChannel(attribute('FIRST_TOUCH', [[10, [b, a]]]))).toEqual({ EMAIL: 10 });
    expect(revenueByChannel(attribute('LAST_TOUCH', [[10, [b, a]]]))).toEqual({ SMS: 10 });
  });
});

describe('SHAPLEY over three channels', () => {
  // Journeys: {EMAIL} 100, {EMAIL, SMS} 200, {SMS, PUSH} 300, {PUSH} 400.
  // v counts: v(E)=1 v(S)=0 v(P)=1 v(ES)=2 v(EP)=2 v(SP)=2 v(ESP)=4; weights 1/3 (|S|=0), 1/6 (|S|=1), 1/3 (|S|=2).
  //   φE = 1/3·1 + 1/6·2 + 1/6·1 + 1/3·2 = 1.5;  φS = 0 + 1/6·1 + 1/6·1 + 1/3·2 = 1;  φP = 1/3·1 + 1/6·1 + 1/6·2 + 1/3·2 = 1.5
  // v values: v(E)=100 v(S)=0 v(P)=400 v(ES)=300 v(EP)=500 v(SP)=700 v(ESP)=1000
  //   φE = 100/3 + 300/6 + 100/6 + 300/3 = 200;  φS = 0 + 200/6 + 300/6 + 500/3 = 250;  φP = 400/3 + 400/6 + 700/6 + 700/3 = 550
  const journeys = (): [number, Touch[]][] => [
    [100, [touch('EMAIL', 3, 'cmp-e1')]],
    [200, [touch('EMAIL', 3, 'cmp-e2'), touch('SMS', 1, 'cmp-s1')]],
    [300, [touch('SMS', 4, 'cmp-s1'), touch('PUSH', 2, 'cmp-p1')]],
    [400, [touch('PUSH', 1, 'cmp-p1')]],
  ];

  it('credits conversions and revenue exactly as the hand computation', () => {
    const result = attribute('SHAPLEY', journeys());
    expect(result.byChannel.get('EMAIL')!.conversions).toBeCloseTo(1.5, 12);
    expect(result.byChannel.get('SMS')!.conversions).toBeCloseTo(1, 12);
    expect(result.byChannel.get('PUSH')!.conversions).toBeCloseTo(1.5, 12);
    expect(result.byChannel.get('EMAIL')!.revenue).toBeCloseTo(200, 9);
    expect(result.byChannel.get('SMS')!.revenue).toBeCloseTo(250, 9);
    expect(result.byChannel.get('PUSH')!.revenue).toBeCloseTo(550, 9);
    // EMAIL's 200 is split over its two campaigns' one touch each.
    expect(result.byCampaign.get('cmp-e1')!.revenue).toBeCloseTo(100, 9);
    expect(result.byCampaign.get('cmp-e2')!.revenue).toBeCloseTo(100, 9);
    expect(result.byCampaign.get('cmp-p1')!.revenue).toBeCloseTo(550, 9);
  });

  it('computes the textbook Shapley value of a small game', () => {
    // Glove game: EMAIL holds a left glove, SMS and PUSH a right one; a pair is worth 1. φ = (2/3, 1/6, 1/6).
    const bit = { EMAIL: 1, SMS: 2, PUSH: 4 } as const;
    const v = (set: number) => (set & bit.EMAIL && set & (bit.SMS | bit.PUSH) ? 1 : 0);
    const phi = shapleyValues(['EMAIL', 'SMS', 'PUSH'], v);
    expect(phi.get('EMAIL')).toBeCloseTo(2 / 3, 12);
    expect(phi.get('SMS')).toBeCloseTo(1 / 6, 12);
    expect(phi.get('PUSH')).toBeCloseTo(1 / 6, 12);
  });
});

describe('every model', () => {
  it('credits exactly the conversion count and value, per channel and per campaign, and counts the unattributed apart', () => {
    const journeys = (): [number, Touch[]][] => [
      [120, [touch('EMAIL', 20), touch('SOCIAL', 9), touch('SEARCH', 3), touch('EMAIL', 1)]],
      [35.5, [touch('DISPLAY', 6)]],
      [60, [touch('SMS', 12), touch('PUSH', 0.5)]],
      [99, []],
      [250, [touch('SEARCH', 25), touch('SEARCH', 2), touch('EMAIL', 0)]],
    ];
    for (const model of ATTRIBUTION_MODELS) {
      const result = attribute(model, journeys());
      expect(result.conversions, model).toBe(4);
      expect(result.conversionValue, model).toBeCloseTo(465.5, 9);
      expect(result.unattributedConversions, model).toBe(1);
      expect(result.unattributedValue, model).toBe(99);
      const sum = (credits: Iterable<{ conversions: number; revenue: number }>) =>
        [...credits].reduce(
          (acc, c) => ({ conversions: acc.conversions + c.conversions, revenue: acc.revenue + c.revenue }),
          { conversions: 0, revenue: 0 },
        );
      for (const credits of [result.byChannel.values(), result.byCampaign.values()]) {
        const total = sum(credits);
        expect(total.conversions, model).toBeCloseTo(4, 9);
        expect(total.revenue, model).toBeCloseTo(465.5, 9);
      }
    }
  });
});
