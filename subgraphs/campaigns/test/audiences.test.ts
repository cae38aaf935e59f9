import { describe, expect, it } from 'vitest';
import { isMember, validateAudienceRule } from '../src/audiences.js';
import type { Campaign } from '../src/db/campaign.repository.js';

const campaign = (channel: Campaign['channel']): Campaign => ({
  id: 'cmp-1',
  name: 'x',
  channel,
  status: 'ACTIVE',
  startsAt: null,
  endsAt: null,
  budget: null,
  createdAt: new Date(),
  updatedAt: new Date(),
});
const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { extensions?: { code?: string } }).extensions?.code;
  }
  return undefined;
};

describe('audience rules', () => {
  it('normalizes a rule: segments in enum order without duplicates, country upper-cased, a 365-day horizon by default', () => {
    expect(
      validateAudienceRule(campaign('EMAIL'), {
        segments: ['AT_RISK', 'CHAMPIONS', 'AT_RISK'],
        channel: 'EMAIL',
        country: ' de ',
      }),
    ).toEqual({
      segments: ['CHAMPIONS', 'AT_RISK'],
      channel: 'EMAIL',
      country: 'DE',
      minPredictedValue: null,
      horizonDays: 365,
      churnBands: null,
      clusters: null,
    });
  });

  it("rejects a channel other than the campaign's, a channel without consent, and bad values", () => {
    expect(codeOf(() => validateAudienceRule(campaign('EMAIL'), { segments: ['NEW'], channel: 'SMS' }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(() => validateAudienceRule(campaign('DISPLAY'), { segments: ['NEW'], channel: 'DISPLAY' }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(codeOf(() => validateAudienceRule(campaign('EMAIL'), { segments: [], channel: 'EMAIL' }))).toBe(
      'BAD_USER_INPUT',
    );
    expect(
      codeOf(() =>
        validateAudienceRule(campaign('EMAIL'), { segments: ['NEW'], channel: 'EMAIL', country: 'Germany' }),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(
      codeOf(() =>
        validateAudienceRule(campaign('EMAIL'), { segments: ['NEW'], channel: 'EMAIL', minPredictedValue: -1 }),
      ),
    ).toBe('BAD_USER_INPUT');
    expect(
      codeOf(() => validateAudienceRule(campaign('EMAIL'), { segments: ['NEW'], channel: 'EMAIL', horizonDays: 0 })),
    ).toBe('BAD_USER_INPUT');
  });
});

describe('audience membership', () => {
  const rule = validateAudienceRule(campaign('EMAIL'), {
    segments: ['NEW'],
    channel: 'EMAIL',
    country: 'DE',
    minPredictedValue: 50,
  });
  const candidate = (overrides: object) => ({
    id: 'c',
    contactable: true,
    country: 'DE',
    lifetimeValue: { predicted: { expectedValue: 80 } },
    ...overrides,
  });

  it('admits only an explicit current opt-in, whatever else the rule says', () => {
    expect(isMember(rule, candidate({}))).toBe(true);
    expect(isMember(rule, candidate({ contactable: false }))).toBe(false);
    expect(isMember(rule, candidate({ contactable: null }))).toBe(false);
    expect(isMember(rule, null)).toBe(false);
  });

  it('applies the country and the minimum predicted value; no prediction means no membership', () => {
    expect(isMember(rule, candidate({ country: 'FR' }))).toBe(false);
    expect(isMember(rule, candidate({ lifetimeValue: { predicted: { expectedValue: 49.99 } } }))).toBe(false);
    expect(isMember(rule, candidate({ lifetimeValue: { predicted: null } }))).toBe(false);
    expect(isMember(rule, candidate({ lifetimeValue: null }))).toBe(false);
    const open = validateAudienceRule(campaign('EMAIL'), { segments: ['NEW'], channel: 'EMAIL' });
    expect(isMember(open, { id: 'c', contactable: true, country: null })).toBe(true);
  });
});
