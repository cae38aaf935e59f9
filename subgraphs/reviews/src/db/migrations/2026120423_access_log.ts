// The access log (shared/audit/migration.ts, frozen): reads of personal data and mutations, append-only.
export { down, up } from '../../../../../shared/audit/migration.js';
