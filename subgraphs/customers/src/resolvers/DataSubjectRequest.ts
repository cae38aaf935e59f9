import type { DataSubjectRequestRow } from '../db/data-subject-request.table.js';
import { findRequestDomains } from '../db/data-subject-request.repository.js';
import type { CustomersContext } from '../context.js';
import { exportDocument } from '../privacy.js';

export const DataSubjectRequest = {
  customerId: (row: DataSubjectRequestRow) => row.customer_id,
  requestedBy: (row: DataSubjectRequestRow) => row.requested_by,
  createdAt: (row: DataSubjectRequestRow) => row.created_at,
  dueAt: (row: DataSubjectRequestRow) => row.due_at,
  completedAt: (row: DataSubjectRequestRow) => row.completed_at,
  // Past its retention the export is purged (exportDocument does it on this read): no expiry to show.
  exportExpiresAt: (row: DataSubjectRequestRow) =>
    row.export_purged_at || (row.export_expires_at && row.export_expires_at <= new Date())
      ? null
      : row.export_expires_at,
  // One request is read at a time (by id), so no loader: one statement per request.
  domains: async (row: DataSubjectRequestRow, _: unknown, { db }: CustomersContext) =>
    (await findRequestDomains(db, [row.id])).map((part) => ({
      domain: part.domain,
      status: part.status,
      completedAt: part.completed_at,
    })),
  exportDocument: (row: DataSubjectRequestRow, _: unknown, { db }: CustomersContext) => exportDocument(db, row),
};
