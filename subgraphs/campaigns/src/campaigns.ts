// Campaign writes: input validation plus the transaction around the repository calls.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { BadUserInputError, NotFoundError } from '../../../shared/errors.js';
import {
  findCampaignForUpdate,
  findPromotedSkus,
  insertCampaign,
  replacePromotedSkus,
  rowToCampaign,
  updateCampaignRow,
  type Campaign,
} from './db/campaign.repository.js';
import type { CampaignStatus, CampaignUpdate, MarketingChannel } from './db/campaign.table.js';
import type { CampaignsDatabase } from './db/database.js';
import { appendEvent } from '../../../shared/events/index.js';
import { campaignChanged } from './events/published.js';

export const MAX_NAME_LENGTH = 200;
export const MAX_PROMOTED_SKUS = 100;
/** The largest value numeric(12,2) holds. */
export const MAX_BUDGET = 9_999_999_999.99;

export interface CreateCampaignInput {
  name: string;
  channel: MarketingChannel;
  status?: CampaignStatus | null;
  startsAt?: Date | null;
  endsAt?: Date | null;
  budget?: number | null;
  promotedSkus?: string[] | null;
}

export interface UpdateCampaignInput {
  name?: string | null;
  channel?: MarketingChannel | null;
  status?: CampaignStatus | null;
  startsAt?: Date | null;
  endsAt?: Date | null;
  budget?: number | null;
  promotedSkus?: string[] | null;
}

/** A saved campaign with the promoted skus just written, so the caller can prime its loaders. */
export interface SavedCampaign {
  campaign: Campaign;
  promotedSkus?: string[];
}

/** Trims a campaign name; empty or longer than MAX_NAME_LENGTH is a BAD_USER_INPUT. */
export function normalizeName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed) throw new BadUserInputError('name must not be empty', { argumentName: 'name' });
  if (trimmed.length > MAX_NAME_LENGTH)
    throw new BadUserInputError(`name must be at most ${MAX_NAME_LENGTH} characters`, { argumentName: 'name' });
  return trimmed;
}

export function validateBudget(budget: number | null): number | null {
  if (budget === null) return null;
  if (!Number.isFinite(budget) || budget < 0 || budget > MAX_BUDGET) {
    throw new BadUserInputError(`budget must be between 0 and ${MAX_BUDGET}`, { argumentName: 'budget' });
  }
  return budget;
}

/** Trims promoted skus and keeps their order; empty skus, duplicates or more than MAX_PROMOTED_SKUS are a BAD_USER_INPUT. */
export function normalizePromotedSkus(skus: readonly string[]): string[] {
  if (skus.length > MAX_PROMOTED_SKUS) {
    throw new BadUserInputError(`promotedSkus holds at most ${MAX_PROMOTED_SKUS} skus`, {
      argumentName: 'promotedSkus',
    });
  }
  const seen = new Set<string>();
  for (const raw of skus) {
    const sku = raw.trim();
    if (!sku) throw new BadUserInputError('promotedSkus must not contain empty skus', { argumentName: 'promotedSkus' });
    if (seen.has(sku))
      throw new BadUserInputError(`promotedSkus lists ${sku} more than once`, { argumentName: 'promotedSkus', sku });
    seen.add(sku);
  }
  return [...seen];
}

/** A schedule with both ends must end after it starts. */
export function assertSchedule(startsAt: Date | null, endsAt: Date | null): void {
  if (startsAt && endsAt && endsAt.getTime() <= startsAt.getTime()) {
    throw new BadUserInputError('endsAt must be after startsAt', { argumentName: 'endsAt' });
  }
}

function required<T>(value: T | null, field: string): T {
  if (value === null) throw new BadUserInputError(`${field} cannot be null`, { argumentName: field });
  return value;
}

export async function createCampaign(
  db: Kysely<CampaignsDatabase>,
  input: CreateCampaignInput,
): Promise<SavedCampaign> {
  const name = normalizeName(input.name);
  const budget = validateBudget(input.budget ?? null);
  const startsAt = input.startsAt ?? null;
  const endsAt = input.endsAt ?? null;
  assertSchedule(startsAt, endsAt);
  const promotedSkus = normalizePromotedSkus(input.promotedSkus ?? []);
  const now = new Date();
  // The campaign and its promoted skus appear together or not at all.
  const row = await db.transaction().execute(async (trx) => {
    const inserted = await insertCampaign(trx, {
      id: randomUUID(),
      name,
      channel: input.channel,
      status: input.status ?? 'DRAFT',
      starts_at: startsAt,
      ends_at: endsAt,
      budget,
      created_at: now,
      updated_at: now,
    });
    await replacePromotedSkus(trx, inserted.id, promotedSkus);
    await appendEvent(trx, campaignChanged(inserted, promotedSkus, true));
    return inserted;
  });
  return { campaign: rowToCampaign(row), promotedSkus };
}

export async function updateCampaign(
  db: Kysely<CampaignsDatabase>,
  id: string,
  input: UpdateCampaignInput,
): Promise<SavedCampaign> {
  // Absent fields stay as they are; an explicit null clears the optional ones (schedule, budget).
  const changes: CampaignUpdate = {};
  if (input.name !== undefined) changes.name = normalizeName(required(input.name, 'name'));
  if (input.channel !== undefined) changes.channel = required(input.channel, 'channel');
  if (input.status !== undefined) changes.status = required(input.status, 'status');
  if (input.startsAt !== undefined) changes.starts_at = input.startsAt;
  if (input.endsAt !== undefined) changes.ends_at = input.endsAt;
  if (input.budget !== undefined) changes.budget = validateBudget(input.budget);
  const promotedSkus =
    input.promotedSkus === undefined ? undefined : normalizePromotedSkus(required(input.promotedSkus, 'promotedSkus'));

  const row = await db.transaction().execute(async (trx) => {
    // The lock keeps the schedule check true: nobody can move startsAt between our read and our write.
    const current = await findCampaignForUpdate(trx, id);
    if (!current) throw new NotFoundError(`No campaign with id ${id}`, { campaignId: id, argumentName: 'id' });
    assertSchedule(
      changes.starts_at !== undefined ? changes.starts_at : current.starts_at,
      changes.ends_at !== undefined ? changes.ends_at : current.ends_at,
    );
    if (promotedSkus) await replacePromotedSkus(trx, id, promotedSkus);
    if (Object.keys(changes).length === 0 && !promotedSkus) return current;
    const updated = (await updateCampaignRow(trx, id, { ...changes, updated_at: new Date() })) ?? current;
    const skus = promotedSkus ?? (await findPromotedSkus(trx, [id])).get(id) ?? [];
    await appendEvent(trx, campaignChanged(updated, skus, false));
    return updated;
  });
  return { campaign: rowToCampaign(row), promotedSkus };
}
