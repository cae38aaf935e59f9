import type { Migration } from 'kysely';
import * as init from './2026112201_init.js';

export const migrations: Record<string, Migration> = {
  '2026112201_init': init,
};
