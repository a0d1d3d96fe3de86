// What the console's screens need from the sync server. The one
// implementation speaks HTTP to the server that served the page (./http.ts);
// the screens see only this interface, as the app's see `Backend`.
import type {
  ActivityDetail, ActivityPage, AuditRow, CoordinatedTerritories, CreateTeam, CreateTerritory, DayMap, ImportReport, ConflictDetail, CreateUser, TeamRow, UserRow, Escalation, ContactPolicy, PolicyPreview, ConflictRow, Gestor, KpiReport, Listing, Preview, ReassignmentDone, ReassignmentRow, Selection, ReassignRequest, Workload, PlanDecision, ReviewRequest, SettleConflict, Territory, UserInfo, WaitingPlan,
} from '../lib/types';

/** What the log shows: each field set narrows it (see GET /v1/activities). */
export interface LogQuery {
  gestor?: string;
  territory?: string;
  kind?: 'visit' | 'call' | 'promise' | 'message';
  /** Instants (RFC 3339): from inclusive, to exclusive. */
  from?: string;
  to?: string;
  reviewed?: boolean;
  flagged?: boolean;
  after_reassignment?: boolean;
  /** The `next` of the page before. */
  before?: string;
  limit?: number;
}

/** The KPIs' period (ISO dates, both inclusive) and whom they cover. */
export interface KpiQuery {
  from: string;
  to: string;
  gestor?: string;
  territory?: string;
}

/** What narrows the audit trail (see GET /v1/audit). */
export interface AuditQuery {
  action?: string;
  login?: string;
  /** Instants (RFC 3339): from inclusive, to exclusive. */
  from?: string;
  to?: string;
  /** The `id` of the last entry shown. */
  before?: string;
  limit?: number;
}

/** What narrows the audit trail, without its paging. */
export type AuditFilters = Omit<AuditQuery, 'before' | 'limit'>;

/** What narrows the log, without its paging. */
export type LogFilters = Omit<LogQuery, 'before' | 'limit'>;

export interface ConsoleBackend {
  /** Who the session cookie belongs to; null when there is no session (or it ended). */
  session(): Promise<UserInfo | null>;
  signIn(login: string, password: string): Promise<UserInfo>;
  signOut(): Promise<void>;
  /** A page of the activity log of the user's scope, newest first. */
  log(query: LogQuery): Promise<ActivityPage>;
  /** Every row the query leaves (paging ignored), as a CSV file. */
  exportLog(filters: LogFilters): Promise<Blob>;
  /** The gestores in the user's scope, by name. */
  gestores(): Promise<Gestor[]>;
  /** Every territory, by name. */
  territories(): Promise<Territory[]>;
  /** One record with its flags, the account and the account's whole timeline. */
  activity(id: string): Promise<ActivityDetail>;
  /** A visit's photo, by its SHA-256. */
  photo(blob: string): Promise<ArrayBuffer>;
  /** Reviews a visit or call: it reaches the gestor's timeline with their next sync. */
  review(request: ReviewRequest): Promise<void>;
  /** Plans in the user's scope waiting for a decision, oldest first. */
  plansWaiting(): Promise<WaitingPlan[]>;
  decidePlan(id: string, decision: PlanDecision): Promise<void>;
  /** The KPIs of a period for the gestores in the user's scope. */
  kpis(query: KpiQuery): Promise<KpiReport>;
  /** The same, as a CSV file. */
  exportKpis(query: KpiQuery): Promise<Blob>;
  /** Each gestor's workload in the user's territories (or one of them). */
  workload(territory?: string): Promise<Workload[]>;
  /** The same, as a CSV file. */
  exportWorkload(territory?: string): Promise<Blob>;
  /** The accounts a selection takes (the first 200, by number), to pick from. */
  reassignmentAccounts(selection: Selection): Promise<Listing>;
  /** What a reassignment would move; nothing changes. */
  previewReassignment(request: ReassignRequest): Promise<Preview>;
  /** Applies a reassignment in one transaction. */
  reassign(request: ReassignRequest): Promise<ReassignmentDone>;
  /** The user's newest reassignments, newest first (an admin's: everyone's). */
  reassignments(): Promise<ReassignmentRow[]>;
  /** Moves a reassignment's accounts back, if nothing newer touched them. */
  undoReassignment(id: string): Promise<ReassignmentDone>;
  /** The contact policy in force in each country. */
  policies(): Promise<ContactPolicy[]>;
  /** What `policy` would have refused of yesterday's visits and calls; nothing changes. */
  previewPolicy(policy: ContactPolicy): Promise<PolicyPreview>;
  /** Puts `policy` (the version after the one in force) in force: devices get it with their next sync. */
  setPolicy(policy: ContactPolicy): Promise<ContactPolicy>;
  /** Accounts whose promises broke as often as the policy lets pass, most misses first. */
  escalations(): Promise<Escalation[]>;
  /** The audit trail, newest first. */
  audit(query: AuditQuery): Promise<AuditRow[]>;
  /** The same, as a CSV file (paging ignored). */
  exportAudit(filters: AuditFilters): Promise<Blob>;
  /** Every user with their team and devices (admins). */
  users(): Promise<UserRow[]>;
  /** Every team (admins). */
  teams(): Promise<TeamRow[]>;
  createUser(user: CreateUser): Promise<UserRow>;
  createTerritory(territory: CreateTerritory): Promise<Territory>;
  createTeam(team: CreateTeam): Promise<TeamRow>;
  /** A new password; the user's sessions end. */
  resetPassword(user: string, password: string): Promise<UserRow>;
  /** No more sign-ins; sessions end; the work stays. */
  deactivateUser(user: string): Promise<UserRow>;
  /** The regions a coordinator balances, replacing those they had. */
  setCoordinatedTerritories(user: string, territories: CoordinatedTerritories): Promise<UserRow>;
  /** A lost device must sign in again; it keeps its unsent work. */
  revokeDevice(device: string): Promise<UserRow>;
  /** A gestor's visits of one day (ISO date), first to last, for the map. */
  day(gestor: string, day: string): Promise<DayMap>;
  /**
   * Imports the lender's portfolio or payments file (or, `dryRun`, checks
   * every line and stores nothing); a refused file comes back as the
   * server's error with every line at fault. `onProgress`: how much was sent.
   */
  importFile(kind: 'debtors' | 'payments', file: Blob, dryRun: boolean, onProgress: (sent: number) => void): Promise<ImportReport>;
  /** Conflicts from sync in the user's scope, newest first; `open`: only those waiting. */
  conflicts(open: boolean): Promise<ConflictRow[]>;
  /** One conflict with its record as it stands now. */
  conflict(id: string): Promise<ConflictDetail>;
  /** Settles a conflict; what is taken back reaches the gestor's device with its next sync. */
  settleConflict(id: string, settlement: SettleConflict): Promise<ConflictDetail>;
}
