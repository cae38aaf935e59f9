// Erasure tombstones: a keyed hash (HMAC-SHA256) of each identifier of an erased customer, so a
// later upsert, import or identity carrying it is refused without the customers domain keeping the
// identifier itself. The key is PRIVACY_TOMBSTONE_KEY, or one generated on first start into the
// keys folder (like the gateway's local signing key); previous keys keep checking after a rotation.
import { createHash, createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { writeFileOnce } from '../../../shared/auth.js';
import { ConflictError } from '../../../shared/errors.js';
import type { CustomersDatabase } from './db/database.js';
import type { IdentityType } from './db/identity.table.js';

/** What a tombstone hashes: the customer id or one identity type. */
export type TombstoneIdentifier = 'CUSTOMER_ID' | IdentityType;

export interface TombstoneKey {
  /** A short fingerprint of the secret, stored with each tombstone (which key made it). */
  id: string;
  secret: Buffer;
}

/** The tombstone key of a secret. */
export function tombstoneKey(secret: Buffer): TombstoneKey {
  return { id: createHash('sha256').update(secret).digest('hex').slice(0, 12), secret };
}

/** Reads a key given as hex or base64 (at least 32 bytes). */
export function parseTombstoneSecret(text: string): Buffer | undefined {
  const trimmed = text.trim();
  const secret = /^[0-9a-f]+$/i.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64');
  return secret.length >= 32 ? secret : undefined;
}

/** The key file in `keysDir`, created (32 random bytes, mode 600) when absent; safe when two processes race. */
export function loadOrCreateTombstoneSecret(keysDir: string): Buffer {
  const file = path.join(keysDir, 'privacy-tombstone.key');
  if (!fs.existsSync(file)) writeFileOnce(file, `${randomBytes(32).toString('hex')}\n`);
  const secret = parseTombstoneSecret(fs.readFileSync(file, 'utf8'));
  if (!secret) throw new Error(`${file} does not hold a tombstone key of at least 32 bytes`);
  return secret;
}

/** The tombstone hash of one normalized identifier under `key`. */
export function tombstoneHash(key: TombstoneKey, type: TombstoneIdentifier, value: string): string {
  return createHmac('sha256', key.secret).update(`${type}:${value}`).digest('hex');
}

type Identifier = { type: TombstoneIdentifier; value: string; field: string };

/** The identifiers among `identifiers` that an erasure left a tombstone for (under any key), in one statement. */
export async function findErasedIdentifiers(
  db: Kysely<CustomersDatabase>,
  keys: readonly TombstoneKey[],
  identifiers: readonly Identifier[],
): Promise<Identifier[]> {
  const hashes = new Map<string, Identifier>();
  for (const identifier of identifiers)
    for (const key of keys) hashes.set(tombstoneHash(key, identifier.type, identifier.value), identifier);
  if (hashes.size === 0) return [];
  const found = await db
    .selectFrom('erasure_tombstones')
    .select('hash')
    .where('hash', 'in', [...hashes.keys()])
    .execute();
  return [...new Set(found.map((row) => hashes.get(row.hash)!))];
}

/** Refuses a write carrying an erased identifier: CONFLICT with reason ERASED, naming the field. */
export async function refuseErasedIdentifiers(
  db: Kysely<CustomersDatabase>,
  keys: readonly TombstoneKey[],
  identifiers: readonly Identifier[],
  /** Whether an erased identifier may still be used (e.g. a new customer owns it now). */
  isAllowed: (identifier: Identifier) => Promise<boolean> = async () => false,
): Promise<void> {
  let erased: Identifier | undefined;
  for (const candidate of await findErasedIdentifiers(db, keys, identifiers)) {
    if (!(await isAllowed(candidate))) {
      erased = candidate;
      break;
    }
  }
  if (!erased) return;
  throw new ConflictError(
    erased.type === 'CUSTOMER_ID'
      ? 'This customer was erased at their request and cannot be re-created; a person who signs up again is a new customer'
      : `This ${erased.type} belongs to an erased customer and is refused; a person who signs up again does so with signUp: true`,
    { reason: 'ERASED', argumentName: erased.field, identifierType: erased.type },
  );
}
