import type { Migration } from 'kysely';
import * as init from './2026112201_init.js';
import * as outbox from './2026112410_outbox.js';

export const migrations: Record<string, Migration> = {
  '2026112201_init': init,
  '2026112410_outbox': outbox,
};
