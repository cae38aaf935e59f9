import type { Migration } from 'kysely';
import * as init from './2026112201_init.js';
import * as rfm from './2026112301_rfm.js';
import * as clv from './2026112302_clv.js';

export const migrations: Record<string, Migration> = {
  '2026112201_init': init,
  '2026112301_rfm': rfm,
  '2026112302_clv': clv,
};
