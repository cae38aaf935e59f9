// The deterministic demo world. Every record is a pure function of (seed, index), so each domain's
// seeder can stream its own share of the world through its own database only, and the domains
// agree on the keys they share (customer ids, skus, campaign ids) without talking to each other.

export interface WorldSizes {
  customers: number;
  products: number;
  orders: number;
  campaigns: number;
  touchpoints: number;
}

export const DEFAULT_SIZES: WorldSizes = {
  customers: 1000,
  products: 200,
  orders: 10_000,
  campaigns: 20,
  touchpoints: 20_000,
};

const DAY_MS = 86_400_000;
/** Mean days a buyer keeps buying before dropping out (exponential). */
export const BUYER_LIFETIME_DAYS = 365;
/** σ of the log-normal factor on a buyer's quantities (clipped to 0.5–4). */
export const BUYER_SPEND_SIGMA = 0.4;
/** σ of the log-normal factor on a buyer's purchase rate (clipped to 1/MAX_RATE_FACTOR–MAX_RATE_FACTOR). */
export const BUYER_RATE_SIGMA = 0.6;
const MAX_RATE_FACTOR = 4;
/**
 * Taste: bundles come in groups of TASTE_GROUP consecutive bundles (similar styles); each buyer
 * favours one group, and a bundle order of theirs picks a bundle of that group with probability
 * TASTE_SHARE (else any bundle). This is what item-to-item recommendations can learn across orders.
 * Drawn from a stream of its own, so every other draw of an order stays as it was without taste.
 */
export const TASTE_GROUP = 4;
export const TASTE_SHARE = 0.6;
/** Orders lie within the last ORDER_DAYS days. */
const ORDER_DAYS = 730;

/** 32-bit string/int hash (FNV-1a) used to derive one independent random stream per record. */
function hash(...parts: (string | number)[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    const text = `${part}|`;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193);
    }
  }
  return h >>> 0;
}

/** mulberry32: small, fast, good enough for demo data. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const round2 = (n: number) => Math.round(n * 100) / 100;

const FIRST_NAMES = [
  'Ava',
  'Ben',
  'Chloé',
  'Daniel',
  'Elif',
  'Finn',
  'Grace',
  'Hugo',
  'Ines',
  'Jonas',
  'Kira',
  'Liam',
  'Mia',
  'Noah',
  'Olga',
  'Paul',
  'Quinn',
  'Rosa',
  'Sami',
  'Tara',
  'Umar',
  'Vera',
  'Wen',
  'Yusuf',
  'Zoe',
];
const LAST_NAMES = [
  'Adler',
  'Berg',
  'Costa',
  'Dubois',
  'Eriksen',
  'Fischer',
  'García',
  'Hansen',
  'Ivanova',
  'Jensen',
  'Kowalski',
  'Lopez',
  'Müller',
  'Nowak',
  'Okafor',
  'Petrov',
  'Rossi',
  'Schmidt',
  'Tanaka',
  'Vogel',
  'Weber',
  'Yilmaz',
];
const PLACES: readonly [string, string][] = [
  ['DE', 'Berlin'],
  ['DE', 'Hamburg'],
  ['DE', 'Munich'],
  ['FR', 'Paris'],
  ['FR', 'Lyon'],
  ['ES', 'Madrid'],
  ['IT', 'Milan'],
  ['NL', 'Amsterdam'],
  ['PL', 'Warsaw'],
  ['SE', 'Stockholm'],
  ['GB', 'London'],
  ['US', 'New York'],
];
const CATEGORIES: readonly { name: string; items: readonly string[]; price: [number, number] }[] = [
  { name: 'dresses', items: ['Summer Dress', 'Wrap Dress', 'Evening Gown', 'Shirt Dress'], price: [39, 189] },
  { name: 'shoes', items: ['Heels', 'Sneakers', 'Loafers', 'Ankle Boots'], price: [49, 179] },
  { name: 'bags', items: ['Handbag', 'Tote', 'Clutch', 'Backpack'], price: [29, 249] },
  { name: 'accessories', items: ['Scarf', 'Belt', 'Sunglasses', 'Watch'], price: [9, 129] },
  { name: 'outerwear', items: ['Trench Coat', 'Denim Jacket', 'Puffer', 'Blazer'], price: [69, 299] },
  { name: 'home', items: ['Candle', 'Throw Blanket', 'Vase', 'Cushion'], price: [12, 89] },
];
const COLORS = ['Black', 'Ivory', 'Navy', 'Sage', 'Rust', 'Blush', 'Olive', 'Sand'];
/** The demo's warehouses: inventory's locations rows, then every stock level's location. */
export const DEMO_LOCATIONS = [
  { code: 'BER-DC', name: 'Berlin distribution centre' },
  { code: 'PAR-DC', name: 'Paris distribution centre' },
  { code: 'MAD-DC', name: 'Madrid distribution centre' },
] as const;
const LOCATIONS = DEMO_LOCATIONS.map((location) => location.code);
export const CONSENT_PURPOSES = ['MARKETING', 'ANALYTICS', 'PERSONALIZATION'] as const;
export const CONSENT_CHANNELS = ['EMAIL', 'SMS', 'PUSH', 'PHONE'] as const;
const SALES_CHANNELS = ['WEB', 'WEB', 'MOBILE_APP', 'MOBILE_APP', 'STORE', 'MARKETPLACE'] as const;
const MARKETING_CHANNELS = ['EMAIL', 'SMS', 'PUSH', 'SOCIAL', 'SEARCH', 'DISPLAY'] as const;

export interface DemoCustomer {
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  phone: string | null;
  loyaltyId: string | null;
  birthDate: string | null;
  country: string;
  city: string;
  createdAt: Date;
  consents: {
    purpose: (typeof CONSENT_PURPOSES)[number];
    channel: (typeof CONSENT_CHANNELS)[number];
    status: 'OPT_IN' | 'OPT_OUT';
    source: string;
    capturedAt: Date;
  }[];
}

export interface DemoProduct {
  sku: string;
  name: string;
  category: string;
  price: number;
  stock: { location: string; onHand: number; reserved: number }[];
}

export interface DemoOrder {
  id: string;
  externalId: string;
  customerId: string;
  status: 'PLACED' | 'PAID' | 'SHIPPED' | 'DELIVERED' | 'CANCELLED' | 'REFUNDED';
  channel: (typeof SALES_CHANNELS)[number];
  placedAt: Date;
  currency: string;
  lines: { sku: string; quantity: number; unitPrice: number }[];
}

export interface DemoCart {
  id: string;
  customerId: string;
  lastActivityAt: Date;
  lines: { sku: string; quantity: number; unitPrice: number }[];
}

export interface DemoCampaign {
  id: string;
  name: string;
  channel: (typeof MARKETING_CHANNELS)[number];
  status: 'DRAFT' | 'SCHEDULED' | 'ACTIVE' | 'PAUSED' | 'COMPLETED';
  startsAt: Date;
  endsAt: Date;
  budget: number;
  promotedSkus: string[];
  createdAt: Date;
}

export interface DemoTouchpoint {
  id: string;
  customerId: string;
  campaignId: string;
  channel: (typeof MARKETING_CHANNELS)[number];
  kind: 'IMPRESSION' | 'CLICK' | 'OPEN';
  occurredAt: Date;
}

export interface DemoWorld {
  seed: number;
  sizes: WorldSizes;
  /** The moment "now" of the demo: every date lies before it. */
  anchor: Date;
  customerId(index: number): string;
  sku(index: number): string;
  customer(index: number): DemoCustomer;
  product(index: number): DemoProduct;
  order(index: number): DemoOrder;
  /** Open carts: `cartCount` of them, one customer each. */
  cartCount: number;
  cart(index: number): DemoCart;
  campaign(index: number): DemoCampaign;
  /** What campaign `index` cost on each UTC day it ran before the anchor. */
  campaignSpend(index: number): DemoSpend[];
  touchpoint(index: number): DemoTouchpoint;
}

export interface DemoSpend {
  /** YYYY-MM-DD (UTC). */
  day: string;
  /** EUR, two decimals. */
  amount: number;
}

/** Builds the demo world; the same (sizes, seed, anchor) always gives the same records. */
export function createWorld(sizes: WorldSizes = DEFAULT_SIZES, seed = 360, anchor = startOfTodayUtc()): DemoWorld {
  const bundleCount = Math.max(1, Math.floor(sizes.products / 5));
  const customerId = (i: number) => `cus-${pad(i + 1, 7)}`;
  const sku = (p: number) => `SKU-${pad(p + 1, 5)}`;

  // Products come in groups of five; the first three of each group are a bundle that sells together
  // (a dress, heels and a handbag), which gives the cross-sell rules something real to find.
  function product(p: number): DemoProduct {
    const random = rng(hash(seed, 'product', p));
    const category = p % 5 < 3 ? CATEGORIES[p % 5] : pick(random, CATEGORIES);
    const name = `${pick(random, COLORS)} ${pick(random, category.items)}`;
    const price = round2(category.price[0] + random() * (category.price[1] - category.price[0]));
    // About one product in eight is sold out everywhere: some with nothing on hand, some fully reserved.
    const soldOut = random() < 0.125;
    const stock = LOCATIONS.filter((_, l) => l === 0 || random() < 0.6).map((location) => {
      const onHand = soldOut ? (random() < 0.5 ? 0 : 1 + Math.floor(random() * 4)) : Math.floor(random() * 120) + 1;
      const reserved = soldOut ? onHand : Math.floor(random() * Math.min(onHand, 10) * 0.5);
      return { location, onHand, reserved };
    });
    return { sku: sku(p), name, category: category.name, price, stock };
  }

  function customer(i: number): DemoCustomer {
    const random = rng(hash(seed, 'customer', i));
    const firstName = pick(random, FIRST_NAMES);
    const lastName = pick(random, LAST_NAMES);
    const [country, city] = pick(random, PLACES);
    const createdAt = new Date(
      anchor.getTime() - (800 + Math.floor(random() * 900)) * DAY_MS + Math.floor(random() * DAY_MS),
    );
    const consents: DemoCustomer['consents'] = [];
    // A mix of consent states: opted in, opted out, opted in then withdrawn, and never asked.
    for (const channel of CONSENT_CHANNELS) {
      const roll = random();
      if (roll < 0.2) continue;
      const capturedAt = new Date(createdAt.getTime() + Math.floor(random() * 300) * DAY_MS);
      const source = pick(random, ['checkout', 'preference-center', 'newsletter-signup', 'store']);
      consents.push({ purpose: 'MARKETING', channel, status: roll < 0.75 ? 'OPT_IN' : 'OPT_OUT', source, capturedAt });
      if (roll > 0.6 && roll < 0.75) {
        consents.push({
          purpose: 'MARKETING',
          channel,
          status: 'OPT_OUT',
          source: 'unsubscribe-link',
          capturedAt: new Date(capturedAt.getTime() + 30 * DAY_MS),
        });
      }
    }
    for (const purpose of ['ANALYTICS', 'PERSONALIZATION'] as const) {
      if (random() < 0.7)
        consents.push({
          purpose,
          channel: 'EMAIL',
          status: random() < 0.8 ? 'OPT_IN' : 'OPT_OUT',
          source: 'cookie-banner',
          capturedAt: createdAt,
        });
    }
    const year = 1950 + Math.floor(random() * 55);
    return {
      id: customerId(i),
      firstName,
      lastName,
      email: `${firstName}.${lastName}.${i + 1}@example.com`
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase(),
      phone: random() < 0.7 ? `+49151${pad(i + 1, 7)}` : null,
      loyaltyId: random() < 0.4 ? `LOY-${pad(i + 1, 8)}` : null,
      birthDate:
        random() < 0.8
          ? `${year}-${pad(1 + Math.floor(random() * 12), 2)}-${pad(1 + Math.floor(random() * 28), 2)}`
          : null,
      country,
      city,
      createdAt,
      consents,
    };
  }

  // A quarter of the customers are repeat buyers and place most orders; the rest buy now and then;
  // about one in ten is never picked, and a buyer with a short purchasing life or a low rate may place none.
  const repeatBuyers = Math.max(1, Math.ceil(sizes.customers / 4));
  const occasionalBuyers = Math.max(1, Math.floor(sizes.customers * 0.9));
  function orderCustomerIndex(random: () => number): number {
    return random() < 0.6
      ? (Math.floor(random() * repeatBuyers) * 4) % sizes.customers
      : Math.floor(random() * occasionalBuyers);
  }

  const tasteGroups = Math.ceil(bundleCount / TASTE_GROUP);
  /** The buyer's favourite group of bundles. */
  const tasteOf = (customerIndex: number) => Math.floor(rng(hash(seed, 'taste', customerIndex))() * tasteGroups);

  function basket(
    random: () => number,
    spendScale = 1,
    taste?: { group: number; random: () => number },
  ): DemoOrder['lines'] {
    const picks = new Set<number>();
    if (random() < 0.5) {
      const drawn = Math.floor(random() * bundleCount);
      const favoured =
        taste && taste.random() < TASTE_SHARE
          ? Math.min(bundleCount - 1, taste.group * TASTE_GROUP + Math.floor(taste.random() * TASTE_GROUP))
          : drawn;
      const base = favoured * 5;
      picks.add(base);
      if (random() < 0.85) picks.add(Math.min(base + 1, sizes.products - 1));
      if (random() < 0.7) picks.add(Math.min(base + 2, sizes.products - 1));
      if (random() < 0.3) picks.add(Math.floor(random() * sizes.products));
    } else {
      const count = 1 + Math.floor(random() * 3);
      while (picks.size < Math.min(count, sizes.products)) picks.add(Math.floor(random() * sizes.products));
    }
    return [...picks].map((p) => ({
      sku: sku(p),
      quantity: Math.max(1, Math.round((random() < 0.85 ? 1 : 2) * spendScale)),
      unitPrice: product(p).price,
    }));
  }

  /**
   * Each buyer's purchasing life, so the lifetime-value model has real behaviour to find (Pareto/NBD-
   * and Gamma-Gamma-like): a first day within the last two years, a dropout after an exponential
   * lifetime whose rate differs between buyers (itself exponential around 1 / BUYER_LIFETIME_DAYS; a
   * buyer still active today stays in the data), a purchase-rate factor (log-normal, σ =
   * BUYER_RATE_SIGMA, clipped to 1/MAX_RATE_FACTOR–MAX_RATE_FACTOR) and a spend scale (log-normal,
   * σ = BUYER_SPEND_SIGMA, clipped to 0.5–4) that multiplies the quantities they buy.
   */
  function buyer(i: number) {
    const random = rng(hash(seed, 'buyer', i));
    const firstDaysAgo = random() * ORDER_DAYS;
    const dropoutRate = -Math.log(1 - random()) / BUYER_LIFETIME_DAYS;
    const lastDaysAgo = Math.max(0, firstDaysAgo + Math.log(1 - random()) / dropoutRate);
    const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    const clip = (v: number, low: number, high: number) => Math.min(high, Math.max(low, v));
    const rateFactor = clip(Math.exp(BUYER_RATE_SIGMA * normal()), 1 / MAX_RATE_FACTOR, MAX_RATE_FACTOR);
    const spendScale = clip(Math.exp(BUYER_SPEND_SIGMA * normal()), 0.5, 4);
    return { firstDaysAgo, lastDaysAgo, rateFactor, spendScale };
  }

  function order(k: number): DemoOrder {
    const random = rng(hash(seed, 'order', k));
    // A (buyer, day) pair drawn until the day lies in the buyer's purchasing life, kept with
    // probability rateFactor / MAX_RATE_FACTOR: each buyer then buys at a constant rate of their own
    // while alive and never after (rejection sampling keeps every order a function of k alone).
    let customerIndex = 0;
    let daysAgo = 0;
    let life = buyer(0);
    for (let attempt = 0; attempt < 10_000; attempt++) {
      customerIndex = orderCustomerIndex(random);
      life = buyer(customerIndex);
      const day = random() * ORDER_DAYS;
      daysAgo = Math.floor(day);
      if (day <= life.firstDaysAgo && day >= life.lastDaysAgo && random() * MAX_RATE_FACTOR < life.rateFactor) break;
    }
    const placedAt = new Date(anchor.getTime() - daysAgo * DAY_MS - Math.floor(random() * DAY_MS));
    const roll = random();
    const status: DemoOrder['status'] =
      daysAgo < 3
        ? pick(random, ['PLACED', 'PAID', 'SHIPPED'] as const)
        : roll < 0.03
          ? 'REFUNDED'
          : roll < 0.05
            ? 'CANCELLED'
            : 'DELIVERED';
    return {
      id: `ord-${pad(k + 1, 8)}`,
      externalId: `SHOP-${pad(k + 1, 8)}`,
      customerId: customerId(customerIndex),
      status,
      channel: pick(random, SALES_CHANNELS),
      placedAt,
      currency: 'EUR',
      lines: basket(random, life.spendScale, {
        group: tasteOf(customerIndex),
        random: rng(hash(seed, 'taste-order', k)),
      }),
    };
  }

  const cartCount = Math.max(1, Math.floor(sizes.customers / 20));
  function cart(c: number): DemoCart {
    const random = rng(hash(seed, 'cart', c));
    const customerIndex = (c * 20 + 7) % sizes.customers;
    return {
      id: `cart-${pad(c + 1, 7)}`,
      customerId: customerId(customerIndex),
      lastActivityAt: new Date(anchor.getTime() - Math.floor(random() * 3 * DAY_MS)),
      lines: basket(random),
    };
  }

  function campaign(c: number): DemoCampaign {
    const random = rng(hash(seed, 'campaign', c));
    const channel = MARKETING_CHANNELS[c % MARKETING_CHANNELS.length];
    const startsAt = new Date(anchor.getTime() - Math.floor(random() * 700) * DAY_MS);
    const endsAt = new Date(startsAt.getTime() + (14 + Math.floor(random() * 60)) * DAY_MS);
    const status: DemoCampaign['status'] = endsAt < anchor ? 'COMPLETED' : c % 7 === 3 ? 'PAUSED' : 'ACTIVE';
    // Promote a bundle plus random items, so every campaign mixes in-stock and (often) sold-out skus.
    const promoted = new Set<string>();
    const base = Math.floor(random() * bundleCount) * 5;
    for (let offset = 0; offset < 5 && base + offset < sizes.products; offset++) promoted.add(sku(base + offset));
    while (promoted.size < Math.min(16, sizes.products)) promoted.add(sku(Math.floor(random() * sizes.products)));
    return {
      id: `cmp-${pad(c + 1, 4)}`,
      name: `${pick(random, ['Spring', 'Summer', 'Autumn', 'Winter', 'Weekend', 'Flash', 'VIP'])} ${pick(random, ['Sale', 'Edit', 'Drop', 'Picks', 'Revival'])} ${c + 1}`,
      channel,
      status,
      startsAt,
      endsAt,
      budget: round2(1000 + random() * 49_000),
      promotedSkus: [...promoted],
      createdAt: new Date(startsAt.getTime() - 7 * DAY_MS),
    };
  }

  // Spend: 90% of the budget spread over the campaign's days, each day between 0.6 and 1.4 times the
  // even share (uniform), up to the anchor for a running campaign.
  function campaignSpend(c: number): DemoSpend[] {
    const { startsAt, endsAt, budget } = campaign(c);
    const random = rng(hash(seed, 'spend', c));
    const firstDay = Math.floor(startsAt.getTime() / DAY_MS);
    const endDay = Math.ceil(endsAt.getTime() / DAY_MS);
    const daily = (0.9 * budget) / (endDay - firstDay);
    const spend: DemoSpend[] = [];
    for (let day = firstDay; day < endDay && day * DAY_MS < anchor.getTime(); day++)
      spend.push({
        day: new Date(day * DAY_MS).toISOString().slice(0, 10),
        amount: round2(daily * (0.6 + 0.8 * random())),
      });
    return spend;
  }

  // Most touchpoints precede a real order by up to ten days (the journeys attribution credits);
  // the rest reach random customers who may never buy.
  function touchpoint(t: number): DemoTouchpoint {
    const random = rng(hash(seed, 'touchpoint', t));
    const campaignIndex = Math.floor(random() * sizes.campaigns);
    const roll = random();
    let customer: string;
    let occurredAt: Date;
    if (roll < 0.75 && sizes.orders > 0) {
      const source = order(Math.floor(random() * sizes.orders));
      customer = source.customerId;
      occurredAt = new Date(source.placedAt.getTime() - Math.floor(random() * 10 * DAY_MS) - 3_600_000);
    } else {
      customer = customerId(Math.floor(random() * sizes.customers));
      occurredAt = new Date(anchor.getTime() - Math.floor(random() * 700 * DAY_MS));
    }
    const kindRoll = random();
    return {
      id: `tp-${pad(t + 1, 9)}`,
      customerId: customer,
      campaignId: `cmp-${pad(campaignIndex + 1, 4)}`,
      channel: MARKETING_CHANNELS[campaignIndex % MARKETING_CHANNELS.length],
      kind: kindRoll < 0.6 ? 'IMPRESSION' : kindRoll < 0.8 ? 'OPEN' : 'CLICK',
      occurredAt,
    };
  }

  return {
    seed,
    sizes,
    anchor,
    customerId,
    sku,
    customer,
    product,
    order,
    cartCount,
    cart,
    campaign,
    campaignSpend,
    touchpoint,
  };
}

export function startOfTodayUtc(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

/** Yields index ranges [start, end) of at most `size` items, for batched inserts. */
export function* batches(total: number, size: number): Generator<[number, number]> {
  for (let start = 0; start < total; start += size) yield [start, Math.min(total, start + size)];
}
