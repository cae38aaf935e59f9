import type { Migration } from 'kysely';
import * as init from './2026120423_init.js';
import * as outbox from './2026120423_outbox.js';
import * as accessLog from './2026120423_access_log.js';

export const migrations: Record<string, Migration> = {
  '2026120423_init': init,
  '2026120423_outbox': outbox,
  '2026120423_access_log': accessLog,
};
