// Kysely table types of the certificates of poor and near-poor households (Mẫu số 03; migration
// 2026-11-26T0210-certificates). Conventions as in schema.ts.
import type { Generated } from 'kysely';

export interface CertificateTable {
  id: Generated<number>;
  province_code: string;
  commune_code: string;
  commune_valid_from: string;
  year: number;
  number: number;
  household_id: number;
  period: number;
  classification: string;
  campaign_id: number;
  decision_number: string;
  decision_date: string;
  signer: string;
  status: string;
  issued_at: string;
  replaced_at: string | null;
}

export interface CertificateCounterTable {
  province_code: string;
  commune_code: string;
  commune_valid_from: string;
  year: number;
  last_number: number;
}

export interface CertificateTables {
  certificate: CertificateTable;
  certificate_counter: CertificateCounterTable;
}
