import { describe, expect, it } from 'vitest';
import { MeshError } from '../../../shared/errors.js';
import { createTestDatabase } from '../../../shared/testing.js';
import {
  DEFAULT_CART_REMINDER_SETTINGS,
  discountCode,
  reminderItems,
  runCartReminderTrigger,
} from '../src/cart-reminders.js';
import type { CampaignsDatabase } from '../src/db/database.js';
import { migrations } from '../src/db/migrations/index.js';
import { loadCampaignsSettings } from '../src/settings.js';

describe('reminder content', () => {
  it('offers only lines that can be sold now, capped at what is available', () => {
    expect(
      reminderItems([
        { product: { sku: 'A' }, quantity: 3, availableQuantity: 2 },
        { product: { sku: 'B' }, quantity: 1, availableQuantity: 0 },
        { product: null, quantity: 1, availableQuantity: 5 },
        { product: { sku: 'C' }, quantity: 1, availableQuantity: 9 },
      ]),
    ).toEqual([
      { sku: 'A', quantity: 2 },
      { sku: 'C', quantity: 1 },
    ]);
    expect(reminderItems(null)).toEqual([]);
  });

  it('derives the same discount code for the same cart activity and a different one for the next', () => {
    const at = new Date('2026-11-22T10:00:00.000Z');
    expect(discountCode('cart-1', at)).toBe(discountCode('cart-1', new Date(at)));
    expect(discountCode('cart-1', at)).not.toBe(discountCode('cart-1', new Date(at.getTime() + 1)));
    expect(discountCode('cart-1', at)).toMatch(/^CART-[0-9A-F]{10}$/);
  });
});

describe('trigger settings', () => {
  it('defaults to a run every minute for carts idle 30 minutes', () => {
    expect(loadCampaignsSettings({}).cartReminders).toEqual(DEFAULT_CART_REMINDER_SETTINGS);
    expect(DEFAULT_CART_REMINDER_SETTINGS).toMatchObject({ intervalMs: 60_000, idleMinutes: 30 });
  });

  it('reads the interval, idle time and discount from the environment and reports every bad value at once', () => {
    const settings = loadCampaignsSettings({
      CAMPAIGNS_CART_TRIGGER_INTERVAL_MS: '0',
      CAMPAIGNS_CART_IDLE_MINUTES: '15',
      CAMPAIGNS_CART_DISCOUNT_PERCENT: '12.5',
    });
    expect(settings.cartReminders).toMatchObject({ intervalMs: 0, idleMinutes: 15, discountPercentOff: 12.5 });
    expect(() =>
      loadCampaignsSettings({ CAMPAIGNS_CART_IDLE_MINUTES: '0', CAMPAIGNS_CART_DISCOUNT_PERCENT: '150' }),
    ).toThrow(/CAMPAIGNS_CART_IDLE_MINUTES[\s\S]*CAMPAIGNS_CART_DISCOUNT_PERCENT/);
  });
});

describe('when the graph cannot answer', () => {
  it('fails the run with GRAPH_UNAVAILABLE and queues nothing', async () => {
    const testDb = await createTestDatabase<CampaignsDatabase>('campaigns', migrations);
    try {
      const graph = {
        request: async () => {
          throw new MeshError('GRAPH_UNAVAILABLE', 'the graph at http://gateway did not answer');
        },
      };
      await expect(
        runCartReminderTrigger({ db: testDb.db, graph, settings: DEFAULT_CART_REMINDER_SETTINGS }),
      ).rejects.toMatchObject({ extensions: { code: 'GRAPH_UNAVAILABLE' } });
      expect(await testDb.rowCount('cart_reminders')).toBe(0);
    } finally {
      await testDb.destroy();
    }
  });
});
