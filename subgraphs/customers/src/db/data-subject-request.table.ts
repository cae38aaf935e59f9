import type { ColumnType, Generated, Selectable } from 'kysely';
import type { DsrKind, DsrRegime } from '../../../../shared/privacy/requests.js';

export type DsrStatus = 'OPEN' | 'COMPLETED';
export type DsrDomainStatus = 'PENDING' | 'DONE';

export interface DataSubjectRequestTable {
  id: string;
  kind: DsrKind;
  regime: DsrRegime;
  /** Null once an erasure of the customer completed (subject_hash stays). */
  customer_id: string | null;
  /** The tombstone hash of the customer id: who the request was about, without the id. */
  subject_hash: string;
  status: Generated<DsrStatus>;
  /** The token subject that opened the request. */
  requested_by: string;
  created_at: Date;
  due_at: Date;
  completed_at: Date | null;
  export_expires_at: Date | null;
  export_purged_at: Date | null;
}

export interface DataSubjectRequestDomainTable {
  request_id: string;
  domain: string;
  status: Generated<DsrDomainStatus>;
  completed_at: Date | null;
  export_part: ColumnType<Record<string, unknown> | null, string | null, string | null>;
}

export interface ErasureTombstoneTable {
  hash: string;
  identifier_type: string;
  key_id: string;
  request_id: string;
  created_at: Date;
}

export type DataSubjectRequestRow = Selectable<DataSubjectRequestTable>;
export type DataSubjectRequestDomainRow = Selectable<DataSubjectRequestDomainTable>;
