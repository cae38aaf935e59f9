// The product catalogue's writes: validation, then one transaction with its ProductChanged event.
import type { Kysely } from 'kysely';
import { BadUserInputError, ConflictError, NotFoundError } from '../../../shared/errors.js';
import { DEFAULT_CURRENCY, decimalToCents, formatCents, isCurrencyCode } from '../../../shared/money.js';
import type { InventoryDatabase } from './db/database.js';
import { insertProduct, productExists, updateProductRow } from './db/product.repository.js';
import type { ProductUpdate } from './db/product.table.js';
import { productChanged } from './events/published.js';
import { appendEvent } from '../../../shared/events/index.js';

/** Uppercase letters, digits and inner hyphens, 3 to 32 characters: SKU-00015, DRESS-RED-38. */
const SKU_FORMAT = /^[A-Z0-9][A-Z0-9-]{1,30}[A-Z0-9]$/;
/** The largest price numeric(12,2) holds, in cents. */
const MAX_PRICE_CENTS = 999_999_999_999n;

export interface MoneyInput {
  amount: string;
  currency?: string | null;
}

export interface CreateProductInput {
  sku: string;
  name: string;
  category: string;
  price: MoneyInput;
}

export interface UpdateProductInput {
  sku: string;
  name?: string | null;
  category?: string | null;
  price?: MoneyInput | null;
}

function validSku(sku: string): string {
  if (!SKU_FORMAT.test(sku)) {
    throw new BadUserInputError('sku must be 3 to 32 uppercase letters, digits or inner hyphens, e.g. SKU-00015', {
      argumentName: 'sku',
    });
  }
  return sku;
}

/** A name or category: trimmed, not empty (the ShortText scalar already bounds length and characters). */
function requiredText(value: string, argumentName: string): string {
  const text = value.trim();
  if (!text) throw new BadUserInputError(`${argumentName} must not be empty`, { argumentName });
  return text;
}

/** An exact, non-negative price with two decimals at most, stored as numeric(12,2). */
function validPrice(price: MoneyInput): { price: string; currency: string } {
  const currency = price.currency ?? DEFAULT_CURRENCY;
  if (!isCurrencyCode(currency)) {
    throw new BadUserInputError('price.currency must be an ISO 4217 code of three uppercase letters, e.g. EUR', {
      argumentName: 'price',
    });
  }
  let cents: bigint;
  try {
    cents = decimalToCents(price.amount);
  } catch {
    throw new BadUserInputError('price.amount must be a decimal with at most two decimals, e.g. "34.90"', {
      argumentName: 'price',
    });
  }
  if (cents < 0n) throw new BadUserInputError('price.amount must not be negative', { argumentName: 'price' });
  if (cents > MAX_PRICE_CENTS) {
    throw new BadUserInputError(`price.amount must be at most ${formatCents(MAX_PRICE_CENTS)}`, {
      argumentName: 'price',
    });
  }
  return { price: formatCents(cents), currency };
}

export async function createProduct(db: Kysely<InventoryDatabase>, input: CreateProductInput): Promise<void> {
  const product = {
    sku: validSku(input.sku),
    name: requiredText(input.name, 'name'),
    category: requiredText(input.category, 'category'),
    ...validPrice(input.price),
  };
  await db.transaction().execute(async (trx) => {
    const row = await insertProduct(trx, product);
    if (!row) throw new ConflictError(`A product with sku ${product.sku} already exists`, { sku: product.sku });
    await appendEvent(trx, productChanged(row));
  });
}

export async function updateProduct(db: Kysely<InventoryDatabase>, input: UpdateProductInput): Promise<void> {
  const changes: ProductUpdate = {};
  if (input.name != null) changes.name = requiredText(input.name, 'name');
  if (input.category != null) changes.category = requiredText(input.category, 'category');
  if (input.price != null) Object.assign(changes, validPrice(input.price));
  if (Object.keys(changes).length === 0) {
    throw new BadUserInputError('give at least one of name, category or price to change', { argumentName: 'input' });
  }
  await db.transaction().execute(async (trx) => {
    const row = await updateProductRow(trx, input.sku, changes);
    if (!row) throw new NotFoundError(`No product with sku ${input.sku}`, { sku: input.sku });
    await appendEvent(trx, productChanged(row));
  });
}

/** Discontinues a product for good: CONFLICT when it already is, NOT_FOUND when unknown. */
export async function discontinueProduct(db: Kysely<InventoryDatabase>, sku: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await updateProductRow(trx, sku, { discontinued_at: new Date() }, { onlyIfSold: true });
    if (row) return void (await appendEvent(trx, productChanged(row)));
    if (!(await productExists(trx, sku))) throw new NotFoundError(`No product with sku ${sku}`, { sku });
    throw new ConflictError(`Product ${sku} is already discontinued`, { sku });
  });
}
