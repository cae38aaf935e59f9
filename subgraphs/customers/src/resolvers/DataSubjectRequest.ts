import { findRequestDomains } from '../db/data-subject-request.repository.js';
import type { DataSubjectRequestResolvers } from '../generated/resolvers-types.js';
import { exportDocument } from '../privacy.js';

export const DataSubjectRequest: DataSubjectRequestResolvers = {
  customerId: (row) => row.customer_id,
  requestedBy: (row) => row.requested_by,
  createdAt: (row) => row.created_at,
  dueAt: (row) => row.due_at,
  completedAt: (row) => row.completed_at,
  // Past its retention the export is purged (exportDocument does it on this read): no expiry to show.
  exportExpiresAt: (row) =>
    row.export_purged_at || (row.export_expires_at && row.export_expires_at <= new Date())
      ? null
      : row.export_expires_at,
  // One request is read at a time (by id), so no loader: one statement per request.
  domains: async (row, _, { db }) =>
    (await findRequestDomains(db, [row.id])).map((part) => ({
      domain: part.domain,
      status: part.status,
      completedAt: part.completed_at,
    })),
  exportDocument: (row, _, { db }) => exportDocument(db, row),
};
