// What the screens need from wherever the data lives. In the gestor's app it
// is the device library over Tauri IPC (./tauri.ts); the console will supply
// an HTTP implementation of the same interface.
import type {
  ActivityBody, ActivityKind, Addition, Agenda, Agreement, AgendaFilter, Channel, DayRoute, GeoPoint, ContactAdvice, DebtorFile, FilterOptions, Notice, PortfolioPage, PortfolioQuery, Progress,
  DeviceError, Draft, Photo, PlanPreview, PlanRequest, SessionInfo, Status, SyncReport,
} from './types';
import type { Fix } from './location';

export interface Backend {
  session(): Promise<SessionInfo | null>;
  signIn(serverUrl: string, login: string, password: string, deviceName: string): Promise<SessionInfo>;
  sync(onProgress: (p: Progress) => void): Promise<SyncReport>;
  status(): Promise<Status>;
  notices(): Promise<Notice[]>;
  markNoticesSeen(upTo: number): Promise<void>;
  /** Today's plan; `filter` is the counter the gestor tapped, if any. */
  agenda(today: string, filter: AgendaFilter | null): Promise<Agenda>;
  /** Today's visits in order, from the gestor's position if known. */
  route(today: string, from: GeoPoint | null): Promise<DayRoute>;
  search(query: PortfolioQuery, today: string): Promise<PortfolioPage>;
  filterOptions(): Promise<FilterOptions>;
  debtorFile(debtorId: string, today: string): Promise<DebtorFile>;
  /** What the contact rules say of a visit or call to the debtor at `at`, before the form is filled. */
  contactRules(debtorId: string, channel: Channel, at: string): Promise<ContactAdvice>;
  saveActivity(debtorId: string, kind: ActivityKind, body: ActivityBody): Promise<string>;
  /** Saves a new version of the gestor's unsent or rejected record, to be sent again. */
  editActivity(id: string, kind: ActivityKind, body: ActivityBody): Promise<void>;
  /** Adds a phone, an email or an address the debtor gave the gestor to their account. */
  addToAccount(debtorId: string, addition: Addition): Promise<void>;
  /** Cancels a promise: the debtor changed their mind, or a plan replaces it. */
  cancelPromise(id: string): Promise<void>;
  /** A payment plan worked out on the account (instalments, whether it needs approval), not saved. */
  planPreview(debtorId: string, request: PlanRequest): Promise<PlanPreview>;
  /** The debtor accepted the supervisor's counter-offer on a plan. */
  acceptCounterOffer(id: string): Promise<void>;
  /** A plan's written agreement, in Spanish (the debtor's document). */
  agreement(id: string): Promise<Agreement>;
  /** Saves a plan's agreement as a PDF on the device; where it went. */
  saveAgreementPdf(id: string): Promise<string>;
  /** Keeps a photo's bytes (already scaled down) for the visit it will be saved with. */
  attachPhoto(bytes: Uint8Array): Promise<Photo>;
  /** A photo's bytes, as the device holds them. */
  photo(blob: string): Promise<ArrayBuffer>;
  /** Where the device is now; rejects with a LocateError. */
  locate(): Promise<Fix>;
  /** The messages the gestor may send the debtor today, filled in. */
  messageDrafts(debtorId: string, today: string): Promise<Draft[]>;
  signOut(discard: number | null): Promise<void>;
}

/** The gestor's local date, as the device library expects it (YYYY-MM-DD). */
export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The kind of an error the device library sent (a DeviceError); undefined for anything else. */
export function deviceErrorKind(error: unknown): DeviceError['kind'] | undefined {
  return typeof error === 'object' && error !== null && 'kind' in error ? (error as DeviceError).kind : undefined;
}
