// The shapes that cross from the device library. They mirror the Rust types in
// device/src/{store,portfolio,sync,error}.rs and core; generating them from Rust
// (with a CI check that they are current) is the next step of issue 3.

export type Lang = 'es-MX' | 'es-PE' | 'en';
export type Currency = 'MXN' | 'PEN';
export type Bucket = 'current' | 'd1_to30' | 'd31_to60' | 'd61_to90' | 'd91_to120' | 'over120';
export type ActivityKind = 'visit' | 'call' | 'promise';
export type RecordKind = ActivityKind | 'debtor' | 'payment' | 'review';

export interface UserInfo { id: string; login: string; name: string; role: string }
export interface SessionInfo {
  server_url: string;
  user: UserInfo;
  replica: string;
  signed_in: boolean;
  cursor: number;
  last_sync_at: string | null;
}
export interface Status { debtors: number; records: number; pending: number; rejected: number }
export interface Notice { id: number; at: string; kind: string; debtor_id: string | null; record_id: string | null; detail: string }

export type AgendaReason = 'promise_due_today' | 'promise_broken' | 'next_action' | 'by_priority';
export interface DebtorRow {
  debtor_id: string; name: string; external_ref: string; segment: string; territory_id: string;
  currency: Currency; balance: string; overdue: string; days_past_due: number;
  dispute: boolean; deceased: boolean; do_not_visit: boolean;
  promise_due_on: string | null; next_action_on: string | null; pending: number; reason: AgendaReason;
}
export interface Agenda { promises_due: number; promises_broken: number; next_actions: number; total: number; rows: DebtorRow[] }
export interface PortfolioQuery {
  text?: string; territory_id?: string | null; segment?: string | null; bucket?: Bucket | null;
  dispute?: boolean; do_not_visit?: boolean; with_promise?: boolean; limit?: number;
}
export interface PortfolioPage { total: number; rows: DebtorRow[] }
export interface FilterOptions { territories: string[]; segments: string[] }

export interface Address { line: string; point: { lat: number; lon: number } | null }
export interface DebtorFields {
  external_ref: string; name: string; national_id: string; product: string; currency: Currency;
  balance: string; overdue: string; minimum_payment: string; overdue_since: string | null;
  segment: string; territory: string; zone: string; phones: string[]; addresses: Address[];
  dispute: boolean; deceased: boolean; do_not_visit: boolean;
}
export interface TimelineEntry {
  id: string; at: string; kind: Exclude<RecordKind, 'debtor'>; body: Record<string, unknown>;
  pending: boolean; rejected: string | null; after_reassignment: boolean;
}
export interface DebtorFile { debtor_id: string; debtor: DebtorFields; days_past_due: number; timeline: TimelineEntry[] }

export type Progress =
  | { step: 'pushed'; records: number; wire_bytes: number }
  | { step: 'pulled'; items: number; cursor: number; wire_bytes: number; more: boolean };
export interface SyncReport {
  pushed: { accepted: number; already_known: number; merged: number; rejected: number };
  pulled: number; pages: number; bytes_sent: number; bytes_received: number; granted: number; revoked: number;
}

export type DomainError = { code: string; [field: string]: unknown };
export type DeviceError =
  | { kind: 'not_signed_in' }
  | { kind: 'sign_in_again' }
  | { kind: 'other_user_pending'; login: string }
  | { kind: 'offline'; message: string }
  | { kind: 'server'; code: string; message: string }
  | ({ kind: 'invalid' } & DomainError)
  | { kind: 'not_found'; what: string }
  | { kind: 'not_allowed'; message: string }
  | { kind: 'unsent_work'; records: number }
  | { kind: 'storage'; message: string };
