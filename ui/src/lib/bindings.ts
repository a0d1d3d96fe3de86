// Generated from the Rust types by tests/scenarios/bindings.rs. Do not edit:
// CAMPO_UPDATE_BINDINGS=1 cargo test -p campo-tests --test scenarios bindings

/** The header every `/v1` request carries, and the protocol version it names. */
export const PROTOCOL_HEADER = "campo-protocol";
export const PROTOCOL_VERSION = 2;

/**
 * One record of the log with what a supervisor checks it against.
 */
export type ActivityDetail = { 
/**
 * The record, as the log lists it.
 */
row: ActivityRow, 
/**
 * The account: its addresses, balance and flags.
 */
debtor: Debtor, 
/**
 * Everything on the account, newest first.
 */
timeline: Array<TimelineItem>, };

/**
 * One page of the activity log, newest first.
 */
export type ActivityPage = { 
/**
 * The rows.
 */
rows: Array<ActivityRow>, 
/**
 * Where the next page starts (`before`), if there is one.
 */
next: string | null, };

/**
 * A visit, call, promise or message as a supervisor reviews it.
 */
export type ActivityRow = { 
/**
 * The record.
 */
record: SyncRecord, 
/**
 * When it happened, by the device: a visit's or call's start, a
 * message's sending (RFC 3339), a promise's day (ISO 8601 date).
 */
happened_at: string, 
/**
 * A supervisor reviewed it.
 */
reviewed: boolean, 
/**
 * The gestor who recorded it; none for what the server wrote itself (a
 * reminder it queued).
 */
gestor: UserId | null, 
/**
 * Their name; empty for none.
 */
gestor_name: string, 
/**
 * The debtor's name.
 */
debtor_name: string, 
/**
 * Recorded after the debtor had been reassigned away from that gestor.
 */
after_reassignment: boolean, 
/**
 * The server's verdict under the contact rules, when it judged the
 * record (records from before the rules have none).
 */
judgement: Judgement | null, 
/**
 * When the server first received it, by its own clock.
 */
received_at: string, 
/**
 * How far the device's clock was behind the server's when it pushed
 * the record, in seconds (negative: ahead); none if it did not say.
 */
clock_skew_s: number | null, 
/**
 * What to look at twice, each with its facts (see [`crate::evidence`]).
 */
flags: Array<Flag>, };

/**
 * A contact point to add, as the gestor typed it.
 */
export type Addition = { "field": "phone", "value": string } | { "field": "email", "value": string } | { "field": "address", "value": string };

/**
 * An address, with its coordinates when the lender or a gestor has them.
 */
export type Address = { 
/**
 * Street, number, neighbourhood, city.
 */
line: Label, 
/**
 * Where it is, if known.
 */
point: GeoPoint | null, };

/**
 * Today's plan.
 */
export type Agenda = { 
/**
 * The counters, over every account.
 */
counts: AgendaCounts, 
/**
 * The counter the lists are filtered by, if any.
 */
filter: AgendaFilter | null, 
/**
 * Due today, by priority.
 */
due: Array<AgendaRow>, 
/**
 * The rest, by priority.
 */
rest: Array<AgendaRow>, 
/**
 * Worked today, latest first.
 */
done: Array<AgendaRow>, };

/**
 * How many accounts each counter stands for.
 */
export type AgendaCounts = { 
/**
 * With a promise due today.
 */
promises_due: number, 
/**
 * With a broken promise nobody followed up.
 */
promises_broken: number, 
/**
 * With a follow-up due.
 */
follow_ups: number, 
/**
 * Worked today.
 */
done: number, 
/**
 * On the device.
 */
total: number, };

/**
 * What a tapped counter shows.
 */
export type AgendaFilter = "promises_due" | "promises_broken" | "follow_ups" | "done";

/**
 * An account on the agenda.
 */
export type AgendaRow = { 
/**
 * The account, with its priority.
 */
row: DebtorRow, 
/**
 * Its region's name, once a sync has brought it.
 */
region: string | null, 
/**
 * What is promised for today, as a decimal string.
 */
promised_today: string | null, 
/**
 * Its visits and calls today, earliest first.
 */
worked: Array<Worked>, };

/**
 * An agreement, ready to read.
 */
export type Agreement = { 
/**
 * "Convenio de pago".
 */
title: string, 
/**
 * Its parts, in reading order.
 */
sections: Array<Section>, };

/**
 * A non-negative amount with at most two decimals, kept at scale 2.
 * On the wire it is a string ("1250.50") so no JSON parser rounds it.
 */
export type Amount = string;

/**
 * Where a plan's approval stands.
 */
export type Approval = { "state": "not_needed" } | { "state": "requested" } | { "state": "approved", 
/**
 * What the supervisor said.
 */
comment: string, } | { "state": "rejected", 
/**
 * Why.
 */
comment: string, } | { "state": "countered", 
/**
 * What the supervisor said.
 */
comment: string, } | { "state": "accepted" };

/**
 * One office write, for admins: who did what, and when.
 */
export type AuditRow = { 
/**
 * The entry: pass it as `before` for the older ones.
 */
id: string, 
/**
 * When, by the server's clock.
 */
at: string, 
/**
 * Who (`None`: the operator at the command line).
 */
user: UserId | null, 
/**
 * Their login, as it was when read.
 */
login: string | null, 
/**
 * What: `sign_in`, `sign_out`, `assign`, `reassign_bulk`, `reassign_undo`, `review`,
 * `plan_decision`, `edit`, `delete`, `import`, `import_payments`, `conflict_settle`,
 * `policy`, `revoke_sessions`.
 */
action: string, 
/**
 * The debtor, record or user acted on.
 */
target: string | null, 
/**
 * The particulars (the new gestor, the fields changed, the counts imported).
 */
detail: unknown, };

/**
 * A blob's name: the SHA-256 of its bytes, as 64 lowercase hex digits.
 */
export type BlobId = string;

/**
 * Why a contact at some moment breaks a policy. Travels to the app as a
 * code with data, for it to word in the gestor's language.
 */
export type Breach = { "breach": "outside_hours", 
/**
 * The debtor's local time then ("20:05").
 */
local: string, 
/**
 * The window ("07:00").
 */
from: string, 
/**
 * Its end ("20:00").
 */
until: string, } | { "breach": "weekend" } | { "breach": "holiday", 
/**
 * Which.
 */
name: string, } | { "breach": "too_often_today", 
/**
 * The policy's daily cap.
 */
cap: number, } | { "breach": "too_often_this_week", 
/**
 * The policy's weekly cap.
 */
cap: number, } | { "breach": "too_many_visits_this_week", 
/**
 * The policy's weekly cap on visits.
 */
cap: number, } | { "breach": "do_not_visit" } | { "breach": "deceased" } | { "breach": "third_party", 
/**
 * Who was reached.
 */
party: Party, 
/**
 * The outcome that mentions the debt.
 */
outcome: Outcome, } | { "breach": "in_dispute", 
/**
 * The collection outcome recorded.
 */
outcome: Outcome, } | { "breach": "reminder_in_dispute" } | { "breach": "not_the_debtors_number" } | { "breach": "not_from_template" } | { "breach": "nobody_named" } | { "breach": "not_identified" };

/**
 * What a balance is made of.
 */
export type Breakdown = { 
/**
 * What was lent and is still owed (capital).
 */
principal: Amount, 
/**
 * Interest owed.
 */
interest: Amount, 
/**
 * Fees and charges.
 */
fees: Amount, };

/**
 * Days-past-due buckets, as supervisors and coordinators segment a portfolio.
 */
export type Bucket = "current" | "d1_to30" | "d31_to60" | "d61_to90" | "d91_to120" | "over120";

/**
 * A phone call with a debtor.
 */
export type Call = CallFields;

/**
 * The fields of a [`Call`].
 */
export type CallFields = { 
/**
 * The debtor's number.
 */
number: Phone, 
/**
 * Who called.
 */
direction: Direction, 
/**
 * When the call started, by the device's clock.
 */
started_at: string, 
/**
 * Length in seconds.
 */
duration_s: number, 
/**
 * The debtor's zone, for local times.
 */
zone: Zone, 
/**
 * What came of it.
 */
outcome: Outcome, 
/**
 * Who was reached and what the rules asked.
 */
contact: ContactFacts, 
/**
 * What was said.
 */
notes: string, 
/**
 * When to follow up.
 */
next_action_on: string | null, };

/**
 * How the debtor was approached.
 */
export type Channel = "visit" | "call";

/**
 * A conflict with the record as it stands now, to set side by side.
 */
export type ConflictDetail = { 
/**
 * The conflict.
 */
conflict: ConflictRow, 
/**
 * The record's current version.
 */
current: SyncRecord, 
/**
 * The lost fields a settlement may take back (see [`crate::merge::takeable`]).
 */
takeable: Array<string>, };

/**
 * A conflict the server's merge filed: values one side lost.
 */
export type ConflictId = string;

/**
 * A conflict the server's merge filed: two sides changed the same field
 * (or one deleted what the other edited), and one side's values were kept
 * aside for a supervisor to settle.
 */
export type ConflictRow = { 
/**
 * The conflict.
 */
id: ConflictId, 
/**
 * The record.
 */
record_id: RecordId, 
/**
 * Its kind.
 */
kind: RecordKind, 
/**
 * Its debtor.
 */
debtor_id: DebtorId, 
/**
 * The debtor's name.
 */
debtor_name: string, 
/**
 * The name of the gestor who has the account now, if anyone does.
 */
gestor_name: string | null, 
/**
 * The merged version.
 */
merged_vv: VersionVector, 
/**
 * The losing values, by field.
 */
lost: Record<string, unknown>, 
/**
 * A delete lost to an edit.
 */
lost_delete: boolean, 
/**
 * When the server merged, by its clock.
 */
at: string, 
/**
 * How a supervisor settled it; none while it waits.
 */
settled: Settlement | null, };

/**
 * Signs in to the console, from a browser.
 */
export type ConsoleLogin = { 
/**
 * The user's login.
 */
login: string, 
/**
 * The user's password.
 */
password: string, };

/**
 * What a visit or call form hears of the contact rules as it opens.
 */
export type ContactAdvice = { 
/**
 * The rules a contact now would break, whoever answers.
 */
breaches: Array<Breach>, 
/**
 * Whether a justification may cover every one of them.
 */
justifiable: boolean, 
/**
 * The policy in force as this device holds it: who may hear of the
 * debt, and the agency the gestor names.
 */
policy: ContactPolicy, 
/**
 * Outcomes that say nobody was reached: the only ones without a person.
 */
unanswered: Array<Outcome>, 
/**
 * Outcomes that do not touch the debt: the only ones with someone who
 * may not hear of it.
 */
neutral: Array<Outcome>, };

/**
 * Who a visit or call reached and what the contact rules asked of the
 * gestor (see [`crate::contact`]). Records from before the rules carry the
 * default: nobody named, nothing confirmed, no policy version.
 */
export type ContactFacts = { 
/**
 * Who was reached; `None`: nobody (no answer, nobody home).
 */
party: Party | null, 
/**
 * The gestor confirmed giving the identification the rules require:
 * their name, the agency, the lender and the contract.
 */
identified: boolean, 
/**
 * Why the gestor went ahead outside a rule that allows a reason (the
 * debtor asked to be called at this hour), in their words.
 */
justification: string | null, 
/**
 * The version of the contact policy the device judged the record
 * under; the server keeps its own verdict beside it.
 */
policy_version: number | null, };

/**
 * When and how often a country's debtors may be contacted.
 */
export type ContactPolicy = { 
/**
 * Whose law it follows.
 */
country: Country, 
/**
 * Raised by every change; a judged record keeps the version it met.
 */
version: number, 
/**
 * First local time contact is allowed.
 */
from: string, 
/**
 * Local time from which contact is no longer allowed; 00:00 means the
 * end of the day.
 */
until: string, 
/**
 * Whether Saturdays and Sundays are allowed.
 */
weekends: boolean, 
/**
 * Whether public holidays are allowed.
 */
holidays: boolean, 
/**
 * How often.
 */
caps: FrequencyCaps, 
/**
 * Who may hear of the debt (see [`super::party`]).
 */
may_discuss_debt: Array<Party>, 
/**
 * Whether a written justification lets a contact outside the hours
 * and days be recorded, flagged (see [`super::judge`]).
 */
justify_hours: boolean, 
/**
 * The agency's name, as its gestores give it when they identify
 * themselves (Mexico: the agency, the collector, the lender and the
 * contract, at the start of every call or visit).
 */
agency: string, 
/**
 * The agency's phone, given with its name.
 */
agency_phone: string, 
/**
 * Days after a promise's due date within which a payment still keeps
 * it (see [`crate::lifecycle`]).
 */
grace_days: number, 
/**
 * The most discount a gestor gives at once on a payment plan, as a
 * percentage of the balance, for segments [`Self::discount_limits`]
 * does not name; above it a supervisor approves (see [`crate::plan`]).
 */
default_discount_percent: string, 
/**
 * The limit for particular segments.
 */
discount_limits: Array<DiscountLimit>, 
/**
 * Points the agenda's score gives particular segments (see
 * [`crate::priority`]), from -50 to 50; other segments get none.
 */
segment_points: Array<SegmentPoints>, 
/**
 * How many days before a promise or instalment falls due the server
 * reminds the debtor (0: no automatic reminders), at most a week.
 */
reminder_days_before: number, 
/**
 * The channel automatic reminders go by, where the account has a number
 * (else by email, where it has an address).
 */
reminder_channel: MessageChannel, 
/**
 * After how many broken promises or instalments an account goes to the
 * gestor's supervisor, from 1 to 10.
 */
escalate_after: number, 
/**
 * How far from the account's nearest address a visit's position may be
 * before the supervisor's log flags it, in metres (see [`crate::evidence`]).
 */
far_from_address_m: number, 
/**
 * From how many visits and calls on one debtor in a week the log flags
 * them, every gestor's counted; at most the weekly cap.
 */
many_contacts_per_week: number, 
/**
 * The messages gestores and the server's reminders send, as the
 * admin wrote them (see [`crate::message::Template`]).
 */
templates: Array<Template>, };

/**
 * The territories a coordinator balances, replacing those they had.
 */
export type CoordinatedTerritories = { 
/**
 * Every territory they coordinate from now on (none: they move nothing).
 */
territories: Array<TerritoryId>, };

/**
 * A country Campo collects in; its law sets the contact policy.
 */
export type Country = "MX" | "PE";

/**
 * A team to create.
 */
export type CreateTeam = { 
/**
 * Its name.
 */
name: string, 
/**
 * The region it works.
 */
territory: TerritoryId, };

/**
 * A region to create.
 */
export type CreateTerritory = { 
/**
 * The name people use for it ("CDMX Norte").
 */
name: string, 
/**
 * The currency of its accounts, and so its country.
 */
currency: Currency, };

/**
 * A user to create.
 */
export type CreateUser = { 
/**
 * What they sign in with.
 */
login: string, 
/**
 * Their full name.
 */
name: string, 
/**
 * Their role.
 */
role: Role, 
/**
 * Their team: gestores and supervisors have one, the others none.
 */
team: TeamId | null, 
/**
 * Their first password, for them to sign in with.
 */
password: string, };

/**
 * The currencies Campo collects in. Both have two decimals.
 */
export type Currency = "MXN" | "PEN";

/**
 * One day of the period, for the charts.
 */
export type DayKpis = { 
/**
 * The day.
 */
day: string, 
/**
 * Visits that day.
 */
visits: number, 
/**
 * Calls that day.
 */
calls: number, 
/**
 * Right-party contacts that day.
 */
right_party: number, 
/**
 * Promises made that day.
 */
promises: number, };

/**
 * One gestor's day in the field, for the supervisor's map: every visit in
 * the order made, where it was logged and where the account's addresses are.
 */
export type DayMap = { 
/**
 * The gestor.
 */
gestor: UserId, 
/**
 * The debtors' local day.
 */
day: string, 
/**
 * The visits, first to last.
 */
stops: Array<DayStop>, };

/**
 * The day's visits in order.
 */
export type DayRoute = { 
/**
 * Where the route starts: the gestor's position, if the device had one.
 */
from: GeoPoint | null, 
/**
 * The stops, in visiting order.
 */
stops: Array<Stop>, 
/**
 * The whole route, in metres.
 */
length_m: number, 
/**
 * Visiting the same stops in priority order instead, in metres.
 */
priority_length_m: number, 
/**
 * Accounts due today that may be visited but whose address has no
 * coordinates: to place by hand.
 */
unplaced: Array<DebtorRow>, };

/**
 * One visit of a gestor's day.
 */
export type DayStop = { 
/**
 * The visit.
 */
record_id: RecordId, 
/**
 * When it started.
 */
at: string, 
/**
 * The debtor's name.
 */
debtor_name: string, 
/**
 * What came of it.
 */
outcome: Outcome, 
/**
 * Where it was logged, if it was.
 */
position: Position | null, 
/**
 * How far that was from the nearest address, as recorded.
 */
distance_m: number | null, 
/**
 * The account's addresses that have coordinates.
 */
addresses: Array<GeoPoint>, };

/**
 * A debtor account. Its overdue amount and minimum payment never exceed the balance.
 */
export type Debtor = DebtorFields;

/**
 * The fields of a [`Debtor`] account.
 */
export type DebtorFields = { 
/**
 * The lender's reference for the account; unique per lender.
 */
external_ref: Label, 
/**
 * The debtor's full name.
 */
name: Label, 
/**
 * CURP or RFC in Mexico, DNI in Peru.
 */
national_id: Label, 
/**
 * The credit product.
 */
product: Product, 
/**
 * The account's currency; every amount on it is in this currency.
 */
currency: Currency, 
/**
 * Total outstanding (saldo).
 */
balance: Amount, 
/**
 * Overdue amount (monto vencido).
 */
overdue: Amount, 
/**
 * Minimum payment that brings the account current.
 */
minimum_payment: Amount, 
/**
 * First day of the oldest unpaid instalment; days past due follow from it.
 */
overdue_since: string | null, 
/**
 * The lender's or coordinator's segment, e.g. "alto saldo".
 */
segment: Label, 
/**
 * The region the account belongs to.
 */
territory: TerritoryId, 
/**
 * The debtor's time zone: contact hours are the debtor's local hours.
 */
zone: Zone, 
/**
 * Phone numbers the debtor gave the lender, or gave a gestor.
 */
phones: Array<Phone>, 
/**
 * Email addresses the debtor gave the lender, or gave a gestor.
 * Accounts imported before emails have none.
 */
emails: Array<Email>, 
/**
 * Home and work addresses.
 */
addresses: Array<Address>, 
/**
 * The lender who owns the account: the gestor names it when they
 * identify themselves. Accounts imported before it have none.
 */
lender: Label | null, 
/**
 * Co-obligors and guarantors.
 */
related: Array<RelatedParty>, 
/**
 * The debtor disputes the debt (aclaración): no collection pressure.
 */
dispute: boolean, 
/**
 * The debtor has died.
 */
deceased: boolean, 
/**
 * The lender or the law forbids field visits.
 */
do_not_visit: boolean, 
/**
 * What the balance is made of, when the lender's file says.
 */
breakdown?: Breakdown, 
/**
 * Where the debtor pays the lender, when the lender's file says. In
 * Mexico a collector may not take the money: an agreement names these.
 */
pay_to?: PayTo, };

/**
 * A debtor's file: the account and everything that happened on it, newest first.
 */
export type DebtorFile = { 
/**
 * The account.
 */
debtor_id: DebtorId, 
/**
 * Its fields.
 */
debtor: Debtor, 
/**
 * Days past due today.
 */
days_past_due: number, 
/**
 * Its delinquency bucket today.
 */
bucket: Bucket, 
/**
 * On a Peruvian account, its SBS classification today.
 */
sbs: SbsClass | null, 
/**
 * The name of its region, once a sync has brought it.
 */
region: string | null, 
/**
 * Visits, calls, promises, payments and reviews, newest first.
 */
timeline: Array<TimelineEntry>, };

/**
 * A debtor account. Its record's [`RecordId`] has the same UUID.
 */
export type DebtorId = string;

/**
 * One debtor in a list: the agenda or a search.
 */
export type DebtorRow = { 
/**
 * The account.
 */
debtor_id: DebtorId, 
/**
 * The debtor's name.
 */
name: string, 
/**
 * The lender's reference.
 */
external_ref: string, 
/**
 * The lender's segment.
 */
segment: string, 
/**
 * The region.
 */
territory_id: TerritoryId, 
/**
 * MXN or PEN.
 */
currency: Currency, 
/**
 * Total outstanding, as a decimal string.
 */
balance: string, 
/**
 * Overdue amount, as a decimal string.
 */
overdue: string, 
/**
 * Days past due today.
 */
days_past_due: number, 
/**
 * In dispute: no collection pressure.
 */
dispute: boolean, 
/**
 * Deceased.
 */
deceased: boolean, 
/**
 * No field visits.
 */
do_not_visit: boolean, 
/**
 * The earliest due date of a pending promise.
 */
promise_due_on: string | null, 
/**
 * The next action set by the latest visit or call.
 */
next_action_on: string | null, 
/**
 * Its address: the first with coordinates, or else the first.
 */
address: string | null, 
/**
 * Local writes not yet sent.
 */
pending: number, 
/**
 * Where it stands on today's agenda, and why.
 */
priority: Priority, };

/**
 * What a supervisor decides of a plan.
 */
export type Decision = { "decision": "approve" } | { "decision": "reject" } | { "decision": "counter", 
/**
 * The total, the number of instalments, how often, the first date.
 */
terms: PlanTerms, 
/**
 * The discount the supervisor grants.
 */
discount: Amount, };

/**
 * Where a message stands. The server's outbox moves it on.
 */
export type Delivery = { "state": "opened" } | { "state": "queued" } | { "state": "sending" } | { "state": "sent", 
/**
 * When, by the server's clock.
 */
at: string, 
/**
 * The gateway's reference for it.
 */
reference: string, } | { "state": "failed", 
/**
 * Why, as the gateway said.
 */
reason: string, };

/**
 * Why a device operation failed.
 */
export type DeviceError = { "kind": "not_signed_in" } | { "kind": "sign_in_again" } | { "kind": "other_user_pending", 
/**
 * Whose work it is.
 */
login: string, } | { "kind": "offline", 
/**
 * What the network said.
 */
message: string, } | { "kind": "bad_answer", 
/**
 * What could not be read.
 */
message: string, } | { "kind": "interrupted", 
/**
 * What stopped.
 */
message: string, } | { "kind": "server", 
/**
 * The server's code.
 */
code: ErrorCode, 
/**
 * The server's message, in Spanish.
 */
message: string, } | { "kind": "invalid" } & DomainError | { "kind": "refused" } & Refusal | { "kind": "not_found", 
/**
 * What was looked for.
 */
what: string, } | { "kind": "not_allowed", 
/**
 * Why.
 */
message: string, } | { "kind": "unsent_work", 
/**
 * How many records would be lost.
 */
records: number, } | { "kind": "storage", 
/**
 * What SQLite said.
 */
message: string, };

/**
 * One install of the app.
 */
export type DeviceRow = { 
/**
 * The install.
 */
id: ReplicaId, 
/**
 * As the gestor named it.
 */
name: string, 
/**
 * When it first signed in.
 */
created_at: string, 
/**
 * Revoked, or restored from a backup: it must sign in again.
 */
retired: boolean, };

/**
 * Who placed a call.
 */
export type Direction = "outbound" | "inbound";

/**
 * The discount limit of one segment.
 */
export type DiscountLimit = { 
/**
 * The segment, as the portfolio names it.
 */
segment: string, 
/**
 * The most discount given at once, in percent of the balance.
 */
max_percent: string, };

/**
 * Why a value was refused. Each variant names the field at fault.
 */
export type DomainError = { "code": "negative_amount", 
/**
 * The field at fault.
 */
field: string, } | { "code": "zero_amount", 
/**
 * The field at fault.
 */
field: string, } | { "code": "too_many_decimals", 
/**
 * The field at fault.
 */
field: string, } | { "code": "currency_mismatch", 
/**
 * The account's currency.
 */
expected: string, 
/**
 * The currency given.
 */
found: string, } | { "code": "latitude_out_of_range", 
/**
 * The value given.
 */
value: string, } | { "code": "longitude_out_of_range", 
/**
 * The value given.
 */
value: string, } | { "code": "invalid_accuracy", 
/**
 * The value given.
 */
value: string, } | { "code": "unknown_outcome", 
/**
 * The value given.
 */
value: string, } | { "code": "outcome_not_for_channel", 
/**
 * The outcome code.
 */
outcome: string, 
/**
 * `visita` or `llamada`.
 */
channel: string, } | { "code": "promise_due_in_past", 
/**
 * The due date given.
 */
due_on: string, 
/**
 * The day the promise was made.
 */
made_on: string, } | { "code": "installments_do_not_add_up", 
/**
 * Their sum.
 */
total: string, 
/**
 * The promised amount.
 */
amount: string, } | { "code": "installments_out_of_order" } | { "code": "empty_text", 
/**
 * The field at fault.
 */
field: string, } | { "code": "text_too_long", 
/**
 * The field at fault.
 */
field: string, 
/**
 * The limit.
 */
max: number, } | { "code": "forbidden_character", 
/**
 * The field at fault.
 */
field: string, 
/**
 * The character, as U+XXXX.
 */
character: string, } | { "code": "photo_too_large", 
/**
 * Its size.
 */
bytes: number, 
/**
 * The limit.
 */
max: number, } | { "code": "not_a_photo" } | { "code": "too_many_photos", 
/**
 * The limit.
 */
max: number, } | { "code": "not_bound_to_the_debt", 
/**
 * Their name.
 */
name: string, } | { "code": "empty_contact_window", 
/**
 * Its start.
 */
from: string, 
/**
 * Its end.
 */
until: string, } | { "code": "zero_cap", 
/**
 * The cap at fault.
 */
field: string, } | { "code": "debtor_must_hear" } | { "code": "invalid_phone", 
/**
 * The value given.
 */
value: string, } | { "code": "invalid_email", 
/**
 * The value given.
 */
value: string, } | { "code": "recipient_not_for_channel", 
/**
 * The recipient given.
 */
to: string, } | { "code": "discount_limit_out_of_range" } | { "code": "installment_count", 
/**
 * The most allowed.
 */
max: number, } | { "code": "grace_too_long", 
/**
 * The most allowed.
 */
max: number, } | { "code": "breakdown_does_not_add_up", 
/**
 * The balance.
 */
balance: string, } | { "code": "plan_over_balance", 
/**
 * The plan's total.
 */
amount: string, 
/**
 * Its discount.
 */
discount: string, 
/**
 * The balance.
 */
balance: string, } | { "code": "out_of_range", 
/**
 * The policy field.
 */
field: string, 
/**
 * The least allowed.
 */
min: number, 
/**
 * The most allowed.
 */
max: number, } | { "code": "bad_template", 
/**
 * Its code.
 */
template: string, 
/**
 * What is wrong.
 */
problem: TemplateProblem, } | { "code": "segment_points_out_of_range", 
/**
 * The most allowed either way.
 */
max: number, } | { "code": "unknown_zone", 
/**
 * The value given.
 */
value: string, } | { "code": "ends_before_start" } | { "code": "exceeds_balance", 
/**
 * The field at fault.
 */
field: string, } | { "code": "malformed", 
/**
 * What the parser said.
 */
message: string, };

/**
 * One template, filled in for a debtor.
 */
export type Draft = { 
/**
 * The template.
 */
template: Template, 
/**
 * Its text for this debtor, as it will be sent.
 */
text: string, 
/**
 * The subject it carries when sent by email.
 */
subject: string, };

/**
 * An email address, kept trimmed and in lower case. Checked only for the
 * shape every address has (one `@`, a dotted domain, no spaces): whether it
 * reaches anyone only the mail server knows.
 */
export type Email = string;

/**
 * The body of every error response.
 */
export type ErrorBody = { 
/**
 * For programs.
 */
error: ErrorCode, 
/**
 * For people, in Spanish.
 */
message: string, 
/**
 * With [`ErrorCode::InvalidValue`]: the check that failed, with its
 * data, for a client to word in its user's language.
 */
invalid?: DomainError | null, 
/**
 * With [`ErrorCode::ImportRefused`]: the header's missing and unknown
 * columns, or every problem on every line.
 */
import?: ImportRefusal | null, 
/**
 * With [`ErrorCode::Refused`] and [`ErrorCode::Changed`]: why.
 */
refusal?: OfficeRefusal | null, };

/**
 * A stable error code for every failed request.
 */
export type ErrorCode = "unauthorized" | "forbidden" | "office_only" | "not_found" | "malformed_request" | "invalid_value" | "batch_too_large" | "protocol_unsupported" | "replica_rewound" | "idempotency_key_reused" | "stale_version" | "too_many_attempts" | "import_refused" | "refused" | "changed" | "internal";

/**
 * An account whose promises keep breaking, for the gestor's supervisor.
 */
export type Escalation = { 
/**
 * The account.
 */
debtor_id: DebtorId, 
/**
 * The lender's reference.
 */
external_ref: string, 
/**
 * The debtor's name.
 */
name: string, 
/**
 * The gestor who has it, if anyone does.
 */
gestor: UserId | null, 
/**
 * Promises and instalments broken (or kept only in part).
 */
misses: number, 
/**
 * When the latest of them fell due.
 */
last_due_on: string, };

/**
 * One reason an account is where it is on the agenda.
 */
export type Factor = { "factor": "promise_broken", 
/**
 * Days since it broke.
 */
days_ago: number, } | { "factor": "promise_due_today" } | { "factor": "follow_up_due", 
/**
 * Days since it fell due (0: today).
 */
days_late: number, } | { "factor": "promise_in_grace", 
/**
 * Days since its due date.
 */
days_late: number, } | { "factor": "days_past_due", 
/**
 * Days past due.
 */
days: number, } | { "factor": "overdue" } | { "factor": "no_contact", 
/**
 * Days since; `None` if never.
 */
days: number | null, } | { "factor": "segment" } | { "factor": "dispute" } | { "factor": "deceased" };

/**
 * The values the portfolio filters offer.
 */
export type FilterOptions = { 
/**
 * Regions with accounts on the device, by name.
 */
territories: Array<Region>, 
/**
 * Segments with accounts on the device.
 */
segments: Array<string>, };

/**
 * One reason to look at a record twice.
 */
export type Flag = { "flag": "far_from_address", 
/**
 * How far from the nearest address, in metres.
 */
distance_m: number, 
/**
 * The policy's threshold.
 */
threshold_m: number, } | { "flag": "outside_contact_window", 
/**
 * Which rule.
 */
breach: Breach, 
/**
 * The gestor's reason.
 */
justification: string | null, } | { "flag": "justified_exception", 
/**
 * Which rule.
 */
breach: Breach, 
/**
 * The gestor's reason.
 */
justification: string | null, } | { "flag": "clock_skew", 
/**
 * Seconds.
 */
skew_s: number, } | { "flag": "typed_position" } | { "flag": "many_contacts", 
/**
 * Visits and calls.
 */
attempts: number, 
/**
 * Over how many days.
 */
days: number, } | { "flag": "broken_soon", 
/**
 * Days from the promise to its first due date.
 */
days: number, } | { "flag": "after_reassignment" };

/**
 * How often an instalment falls due.
 */
export type Frequency = "weekly" | "fortnightly" | "monthly";

/**
 * How often a debtor may be approached, over every gestor's records.
 * Neither country sets a number ("continuous or disproportionate" contact is
 * judged as harassment case by case), so the defaults are conservative.
 */
export type FrequencyCaps = { 
/**
 * Visits and calls in one local day.
 */
attempts_per_day: number, 
/**
 * Visits and calls in the seven days up to and including today.
 */
attempts_per_week: number, 
/**
 * Visits in those seven days.
 */
visits_per_week: number, };

/**
 * A point on Earth in WGS 84 degrees.
 */
export type GeoPoint = { lat: number, lon: number, };

/**
 * A gestor, as the console lists them to pick from.
 */
export type Gestor = { 
/**
 * Their id.
 */
id: UserId, 
/**
 * Their name.
 */
name: string, };

/**
 * One gestor's KPIs.
 */
export type GestorKpis = { 
/**
 * The gestor.
 */
gestor: UserId, 
/**
 * Their name.
 */
name: string, 
/**
 * Their figures.
 */
kpis: Kpis, };

/**
 * The image formats a photo may be in.
 */
export type ImageType = "jpeg" | "png" | "webp";

/**
 * Why an import stored nothing: its header, or every line at fault.
 */
export type ImportRefusal = { 
/**
 * Columns the import needs that the header lacks.
 */
missing: Array<string>, 
/**
 * Columns the header names that the import does not know.
 */
unknown: Array<string>, 
/**
 * Every problem, in file order.
 */
lines: Array<LineProblem>, };

/**
 * What an import did (or, in a dry run, would do).
 */
export type ImportReport = { 
/**
 * New records.
 */
created: number, 
/**
 * Records that changed.
 */
updated: number, 
/**
 * Records already exactly so.
 */
unchanged: number, 
/**
 * Nothing was stored: the report says what would be.
 */
dry_run: boolean, };

/**
 * One instalment of a payment plan.
 */
export type Installment = { 
/**
 * When it falls due.
 */
due_on: string, 
/**
 * How much.
 */
amount: Amount, 
/**
 * Where it stands, as the server derives it from payments (see
 * [`crate::lifecycle`]); none until it first does.
 */
status?: PromiseStatus, };

/**
 * The server's (or the device's) verdict on a visit or call, kept with it:
 * which policy judged it and every rule it was let through outside of,
 * with the gestor's justification. No breaches: within every rule.
 */
export type Judgement = { 
/**
 * Whose policy.
 */
country: Country, 
/**
 * Its version.
 */
policy_version: number, 
/**
 * The rules broken and justified.
 */
breaches: Array<Breach>, };

/**
 * The KPIs of a period: everyone together, day by day, and per gestor.
 */
export type KpiReport = { 
/**
 * The first day.
 */
from: string, 
/**
 * The last day (inclusive).
 */
to: string, 
/**
 * Everyone in the report together.
 */
total: Kpis, 
/**
 * Every day of the period, worked or not.
 */
days: Array<DayKpis>, 
/**
 * Each gestor, by name.
 */
gestores: Array<GestorKpis>, };

/**
 * The KPIs of one gestor, or of everyone in the report.
 */
export type Kpis = { 
/**
 * Visits made.
 */
visits: number, 
/**
 * Calls made.
 */
calls: number, 
/**
 * Days with a visit or call.
 */
days_worked: number, 
/**
 * Visits per day worked.
 */
visits_per_day: string | null, 
/**
 * Visits and calls that reached the debtor in person.
 */
right_party: number, 
/**
 * Right-party contacts over visits and calls, in percent.
 */
right_party_rate: string | null, 
/**
 * Promises made.
 */
promises: number, 
/**
 * Visits and calls that ended in a promise to pay, over right-party contacts, in percent.
 */
promise_rate: string | null, 
/**
 * Promises due in the period and settled (kept, partly kept or broken).
 */
due_settled: number, 
/**
 * Of those, kept in full.
 */
kept: number, 
/**
 * Kept over settled, in percent.
 */
kept_rate: string | null, 
/**
 * Money, per currency (in currency order).
 */
money: Array<MoneyKpis>, };

/**
 * Trimmed text that is neither empty nor longer than 200 characters: names,
 * references, address lines.
 */
export type Label = string;

/**
 * A problem where it is: a line of the file and, where it is one value, its column.
 */
export type LineProblem = { 
/**
 * The file's line number; the header is line 1.
 */
line: number, 
/**
 * The column at fault, if it is one.
 */
column: string | null, 
/**
 * What is wrong.
 */
problem: Problem, };

/**
 * An account on the list a coordinator picks from.
 */
export type Listed = { 
/**
 * The account.
 */
debtor: DebtorId, 
/**
 * The lender's account number.
 */
external_ref: string, 
/**
 * The debtor's name.
 */
name: string, 
/**
 * Who holds it now.
 */
gestor: UserId | null, 
/**
 * Their name (empty when nobody does).
 */
gestor_name: string, 
/**
 * Its region.
 */
territory: TerritoryId, 
/**
 * Its segment.
 */
segment: string, 
/**
 * Its delinquency bucket today.
 */
bucket: Bucket, 
/**
 * Total outstanding.
 */
balance: Amount, 
/**
 * Overdue.
 */
overdue: Amount, 
/**
 * In what.
 */
currency: Currency, };

/**
 * The accounts a selection takes, by account number: the first
 * [`Listing::MOST`] of them, and how many there are.
 */
export type Listing = { 
/**
 * Accounts the selection takes.
 */
total: number, 
/**
 * The first of them.
 */
rows: Array<Listed>, };

/**
 * A message to a debtor.
 */
export type Message = MessageFields;

/**
 * How a message travels.
 */
export type MessageChannel = "sms" | "whatsapp" | "email";

/**
 * The fields of a [`Message`].
 */
export type MessageFields = { 
/**
 * SMS, WhatsApp or email.
 */
channel: MessageChannel, 
/**
 * The debtor's number or address it goes to.
 */
to: Recipient, 
/**
 * The template it was filled from.
 */
template: string, 
/**
 * The text as sent.
 */
text: string, 
/**
 * From the gestor's phone or the server's outbox.
 */
via: SentVia, 
/**
 * When the gestor sent or queued it, by the device's clock.
 */
at: string, 
/**
 * Where it stands.
 */
delivery: Delivery, };

/**
 * One currency's money figures.
 */
export type MoneyKpis = { 
/**
 * The currency.
 */
currency: Currency, 
/**
 * Promised in promises made in the period.
 */
promised: Amount, 
/**
 * Received in the period.
 */
collected: Amount, 
/**
 * Overdue on the accounts held now.
 */
overdue: Amount, 
/**
 * Collected over collected plus overdue, in percent.
 */
recovery_rate: string | null, };

/**
 * Something sync had to tell the gestor.
 */
export type Notice = { 
/**
 * Its id.
 */
id: number, 
/**
 * When (UTC).
 */
at: string, 
/**
 * What it is about.
 */
kind: NoticeKind, 
/**
 * The debtor concerned.
 */
debtor_id: DebtorId | null, 
/**
 * The debtor's name when it happened; `None` if this device never held the account.
 */
debtor_name: string | null, 
/**
 * The record concerned.
 */
record_id: RecordId | null, 
/**
 * Its kind: visit, call, promise…
 */
record_kind: RecordKind | null, 
/**
 * For a revoked account: the gestor's writes on it still to be sent.
 */
waiting: number, 
/**
 * For a refused record: the server's reason.
 */
reason: Rejection | null, 
/**
 * What happened, in Spanish.
 */
detail: string, };

/**
 * What a notice is about.
 */
export type NoticeKind = "revoked" | "rejected" | "after_reassignment" | "conflict";

/**
 * Why the server refused what the user's role may otherwise do; nothing
 * changed. Each reason carries what a client needs to word it.
 */
export type OfficeRefusal = { "kind": "cross_site" } | { "kind": "gestor_inactive", 
/**
 * The gestor's name.
 */
name: string, } | { "kind": "gestor_without_team" } | { "kind": "territory_without_currency" } | { "kind": "other_country", 
/**
 * The account's currency.
 */
account: Currency, 
/**
 * The receiving team's.
 */
team: Currency, } | { "kind": "outside_your_territories" } | { "kind": "already_undone" } | { "kind": "changed_since", 
/**
 * Accounts touched since.
 */
changed: number, 
/**
 * Accounts the reassignment moved.
 */
total: number, } | { "kind": "deactivate_yourself" };

/**
 * What came of a visit or call.
 */
export type Outcome = "right_party_contact" | "third_party_contact" | "no_answer" | "voicemail" | "busy" | "invalid_number" | "not_located" | "moved" | "wrong_address" | "refused_to_pay" | "promise_to_pay" | "payment_reported" | "dispute_raised" | "hardship_declared" | "deceased";

/**
 * Who the gestor reached on a visit or call.
 */
export type Party = "debtor" | "co_obligor" | "guarantor" | "other";

/**
 * Where a debtor pays the lender.
 */
export type PayTo = { 
/**
 * The lender's account, agreement or service: "BBVA, convenio CIE 1234567".
 */
account: Label, 
/**
 * The reference the debtor quotes when paying.
 */
reference: Label, };

/**
 * A payment the lender reports; imported, never entered on a device.
 */
export type Payment = { 
/**
 * How much arrived.
 */
amount: Amount, 
/**
 * The account's currency.
 */
currency: Currency, 
/**
 * The day it was paid.
 */
paid_on: string, 
/**
 * The lender's payment reference: with the account, what makes a
 * payment the same one when a file is imported again.
 */
reference: Label, 
/**
 * How it was paid; payments imported before channels have none.
 */
channel: PaymentChannel | null, };

/**
 * How a payment reached the lender. In Mexico the collector may not take
 * the money: every channel is the lender's.
 */
export type PaymentChannel = "branch" | "transfer" | "store" | "direct_debit" | "online" | "other";

/**
 * A phone number, kept as `+` and digits only. Spaces, dashes, dots and
 * brackets are dropped; 7 to 15 digits remain (E.164's maximum).
 */
export type Phone = string;

/**
 * A photo attached to a visit: which bytes, how many, and in what format.
 */
export type Photo = { 
/**
 * The bytes' name.
 */
blob: BlobId, 
/**
 * Their number.
 */
bytes: number, 
/**
 * Their format.
 */
image: ImageType, };

/**
 * A supervisor's decision on a plan waiting for approval.
 */
export type PlanDecision = { 
/**
 * The version of the plan the supervisor read: a plan changed since
 * (cancelled, say) is decided again on what it is now.
 */
if_vv: VersionVector, 
/**
 * Approve, reject, or offer other terms.
 */
decision: Decision, 
/**
 * What the supervisor tells the gestor.
 */
comment: string, };

/**
 * A plan's terms beyond its instalments, and where its approval stands.
 */
export type PlanDetails = { 
/**
 * How often an instalment falls due.
 */
frequency: Frequency, 
/**
 * What the account owed when the plan was made.
 */
balance: Amount, 
/**
 * What the plan forgives of it (condonación); zero for none.
 */
discount: Amount, 
/**
 * Where its approval stands.
 */
approval: Approval, };

/**
 * A plan worked out, ready to save as it is.
 */
export type PlanPreview = { 
/**
 * The promise that carries the plan: its instalments, its terms, and
 * an approval that is requested when the discount is above the limit.
 */
promise: PromiseFields, 
/**
 * Whether paying it settles the debt (otherwise it is partial).
 */
settles: boolean, 
/**
 * What the account still owes once the plan is paid, as a decimal string.
 */
remaining: string, 
/**
 * The discount's share of the balance, in percent (to two decimals).
 */
discount_percent: string, 
/**
 * The most a gestor gives at once on this account's segment, in percent.
 */
max_percent: string, };

/**
 * The plan a gestor and a debtor are talking over.
 */
export type PlanRequest = { 
/**
 * The total, the number of instalments, how often, the first date.
 */
terms: PlanTerms, 
/**
 * What it forgives of the balance; zero for nothing.
 */
discount: Amount, 
/**
 * The debtor's local date today.
 */
made_on: string, };

/**
 * What a plan is asked to be.
 */
export type PlanTerms = { 
/**
 * What the debtor will pay in all.
 */
total: Amount, 
/**
 * In how many instalments.
 */
count: number, 
/**
 * How often.
 */
frequency: Frequency, 
/**
 * When the first falls due, before any move to a business day.
 */
first_due: string, };

/**
 * What a proposed contact policy would have done with yesterday's visits
 * and calls in its country, beside what the policy in force did.
 */
export type PolicyPreview = { 
/**
 * Yesterday, in the country's main zone.
 */
day: string, 
/**
 * Visits and calls of that day judged again.
 */
judged: number, 
/**
 * Of those, refused by the policy in force.
 */
refused_now: number, 
/**
 * Refused by the proposed policy.
 */
refused_proposed: number, 
/**
 * Let through flagged (justified) by the proposed policy.
 */
flagged_proposed: number, 
/**
 * The ones the proposed policy refuses that the one in force let
 * through, the first [`PREVIEW_EXAMPLES`] of them by time.
 */
newly_refused: Array<PreviewedContact>, };

/**
 * The debtors matching a [`PortfolioQuery`].
 */
export type PortfolioPage = { 
/**
 * How many match in all.
 */
total: number, 
/**
 * The first of them, by name.
 */
rows: Array<DebtorRow>, };

/**
 * What to look for in the portfolio. Empty fields match everything.
 */
export type PortfolioQuery = { 
/**
 * Words that must all appear in the name, reference, a phone or an address.
 */
text: string, 
/**
 * Only this region.
 */
territory_id: TerritoryId | null, 
/**
 * Only this segment.
 */
segment: string | null, 
/**
 * Only this days-past-due bucket.
 */
bucket: Bucket | null, 
/**
 * Only accounts in dispute.
 */
dispute: boolean, 
/**
 * Only accounts marked do-not-visit.
 */
do_not_visit: boolean, 
/**
 * Only accounts with a pending promise.
 */
with_promise: boolean, 
/**
 * At most this many rows (100 if zero).
 */
limit: number, };

/**
 * Where a device was, and how sure it was: the evidence a supervisor checks.
 */
export type Position = { point: GeoPoint, accuracy_m: number, 
/**
 * Where it came from; positions from before Campo asked have none.
 */
source?: PositionSource, 
/**
 * When the location service took the fix, by the device's clock: its
 * age at the visit is evidence too.
 */
fixed_at?: string, };

/**
 * Where a position came from.
 */
export type PositionSource = "device" | "typed";

/**
 * What a reassignment would do, before it is applied.
 */
export type Preview = { 
/**
 * Accounts that would move.
 */
accounts: number, 
/**
 * Selected accounts the gestor holds already (they stay).
 */
already_there: number, 
/**
 * The money that would move, per currency.
 */
money: Array<Sums>, 
/**
 * The workloads it changes, as they are now (the receiving gestor first).
 */
before: Array<Workload>, 
/**
 * The same workloads once applied.
 */
after: Array<Workload>, };

/**
 * A visit or call a proposed policy judges otherwise.
 */
export type PreviewedContact = { 
/**
 * The record.
 */
record_id: RecordId, 
/**
 * Visit or call.
 */
kind: RecordKind, 
/**
 * When it started.
 */
at: string, 
/**
 * The gestor's name.
 */
gestor_name: string, 
/**
 * The debtor's name.
 */
debtor_name: string, 
/**
 * Why the proposed policy refuses it.
 */
breaches: Array<Breach>, };

/**
 * An account's score and the factors that make it, largest first (only
 * those that add points).
 */
export type Priority = { 
/**
 * Higher is sooner.
 */
score: number, 
/**
 * Why, largest first.
 */
factors: Array<Factor>, };

/**
 * What is wrong with one value, or one line.
 */
export type Problem = { "code": "invalid", 
/**
 * Why, as the domain says.
 */
error: DomainError, } | { "code": "not_a_number", 
/**
 * The value given.
 */
value: string, } | { "code": "not_a_date", 
/**
 * The value given.
 */
value: string, } | { "code": "not_on_the_list", 
/**
 * The value given.
 */
value: string, 
/**
 * What the column takes.
 */
allowed: Array<string>, } | { "code": "empty" } | { "code": "unreadable", 
/**
 * What the CSV reader said.
 */
detail: string, } | { "code": "half_position" } | { "code": "phones_without_name" } | { "code": "unknown_user", 
/**
 * The login given.
 */
login: string, } | { "code": "not_a_gestor", 
/**
 * The login given.
 */
login: string, } | { "code": "unknown_account", 
/**
 * The reference given.
 */
reference: string, } | { "code": "repeated_in_file", 
/**
 * The key.
 */
reference: string, 
/**
 * Where it came first.
 */
first_line: number, } | { "code": "not_your_territory", 
/**
 * The territory named.
 */
territory: string, } | { "code": "gestor_elsewhere", 
/**
 * The login given.
 */
login: string, } | { "code": "reference_taken", 
/**
 * The reference given.
 */
reference: string, } | { "code": "in_the_future", 
/**
 * The date given.
 */
date: string, };

/**
 * The kind of credit behind the debt.
 */
export type Product = "credit_card" | "personal_loan" | "payroll_loan" | "microcredit" | "auto_loan";

/**
 * Progress of a sync, for the screen.
 */
export type Progress = { "step": "pushed", 
/**
 * Records in the batch.
 */
records: number, 
/**
 * Compressed bytes sent.
 */
wire_bytes: number, } | { "step": "photo", 
/**
 * Its bytes.
 */
bytes: number, } | { "step": "pulled", 
/**
 * Items in the page.
 */
items: number, 
/**
 * The cursor now stored.
 */
cursor: number, 
/**
 * Compressed bytes received.
 */
wire_bytes: number, 
/**
 * Whether more pages follow.
 */
more: boolean, };

/**
 * The fields of a [`Promise`].
 */
export type PromiseFields = { 
/**
 * The total promised.
 */
amount: Amount, 
/**
 * Must be the account's currency.
 */
currency: Currency, 
/**
 * The debtor's local date when the promise was made.
 */
made_on: string, 
/**
 * When the (last) payment falls due.
 */
due_on: string, 
/**
 * A payment plan; empty for a single payment.
 */
installments: Array<Installment>, 
/**
 * Where it stands.
 */
status: PromiseStatus, 
/**
 * The visit or call where it was made.
 */
source: RecordId | null, 
/**
 * For a payment plan, its terms and approval.
 */
plan?: PlanDetails, };

/**
 * Where a promise stands. A promise is pending until its due date passes;
 * then it is kept (fully paid on time), partially kept, or broken.
 */
export type PromiseStatus = "pending" | "kept" | "partially_kept" | "broken" | "cancelled";

/**
 * A promise to pay, possibly in instalments. Never due before it was made;
 * instalments are in date order and add up to the amount.
 */
export type PromiseToPay = PromiseFields;

/**
 * What a template is for.
 */
export type Purpose = "reminder" | "follow_up";

/**
 * What applying one push answer did.
 */
export type PushTally = { 
/**
 * Stored as sent.
 */
accepted: number, 
/**
 * The server had them already.
 */
already_known: number, 
/**
 * Merged with a concurrent version.
 */
merged: number, 
/**
 * Refused; kept on the device with the reason.
 */
rejected: number, };

/**
 * Accounts to move to a gestor: a reassignment's preview, or its apply.
 */
export type ReassignRequest = { 
/**
 * Which accounts.
 */
selection: Selection, 
/**
 * To whom.
 */
to: UserId, 
/**
 * For an apply: how many accounts the preview said would move. If the
 * selection now moves another number, the apply is refused as stale.
 */
expect: number | null, };

/**
 * A reassignment applied, or undone.
 */
export type ReassignmentDone = { 
/**
 * The reassignment, to undo it.
 */
id: ReassignmentId, 
/**
 * Accounts moved (or moved back).
 */
accounts: number, };

/**
 * A coordinator's reassignment of many accounts at once.
 */
export type ReassignmentId = string;

/**
 * A bulk reassignment, as its list shows it.
 */
export type ReassignmentRow = { 
/**
 * The reassignment.
 */
id: ReassignmentId, 
/**
 * When it was applied.
 */
at: string, 
/**
 * Who applied it.
 */
by_name: string, 
/**
 * The gestor who received the accounts.
 */
to_name: string, 
/**
 * Accounts moved.
 */
accounts: number, 
/**
 * When it was undone, if it was.
 */
undone_at: string | null, };

/**
 * Where a message goes: a phone number for SMS and WhatsApp, an address for email.
 */
export type Recipient = Phone | Email;

/**
 * A record's body, typed by kind.
 */
export type RecordBody = Debtor | Visit | Call | PromiseToPay | Payment | Review | Message;

/**
 * Any synced record (debtor account, visit, call, promise, payment, review).
 */
export type RecordId = string;

/**
 * The kinds of synced record.
 */
export type RecordKind = "debtor" | "visit" | "call" | "promise" | "payment" | "review" | "message";

/**
 * Why a gestor's write is refused. Travels to the app as a code with data
 * (tagged `refusal`, so a domain error inside keeps its own `code`).
 */
export type Refusal = { "refusal": "other_record" } | { "refusal": "may_not_create", 
/**
 * The kind.
 */
record_kind: RecordKind, } | { "refusal": "may_not_edit", 
/**
 * The kind.
 */
record_kind: RecordKind, } | { "refusal": "lender_field", 
/**
 * The field.
 */
field: string, } | { "refusal": "invalid" } & DomainError | { "refusal": "promise_status", 
/**
 * The status the write claimed.
 */
status: PromiseStatus, } | { "refusal": "plan_approval" } | { "refusal": "discount_needs_approval", 
/**
 * The gestor's limit for the account's segment, in percent.
 */
max_percent: string, } | { "refusal": "plan_decided" } | { "refusal": "plan_balance", 
/**
 * The account's balance now, as people write it.
 */
balance: string, } | { "refusal": "contact", 
/**
 * Every rule broken.
 */
breaches: Array<Breach>, 
/**
 * Whether a justification would let it through, flagged.
 */
justifiable: boolean, };

/**
 * A region a portfolio filter offers.
 */
export type Region = { 
/**
 * The territory.
 */
id: TerritoryId, 
/**
 * Its name, once a sync has brought it.
 */
name: string | null, };

/**
 * A refused record's reason.
 */
export type Rejection = { 
/**
 * For programs.
 */
code: RejectionCode, 
/**
 * For people, in Spanish.
 */
message: string, 
/**
 * The domain error, when a domain check failed.
 */
error: DomainError | null, 
/**
 * The contact rules broken, when they refused it.
 */
breaches?: Array<Breach>, 
/**
 * Whether a justification would let it through, flagged.
 */
justifiable: boolean, };

/**
 * Why a pushed record was refused.
 */
export type RejectionCode = "invalid_record" | "not_found" | "not_allowed" | "contact_rule" | "promise_status" | "plan_approval" | "plan_balance";

/**
 * Someone else bound to the debt: a co-obligor or a guarantor (aval).
 * Where the policy allows (see [`crate::contact::party`]) the debt may be
 * discussed with them; with nobody else.
 */
export type RelatedParty = { 
/**
 * Their full name.
 */
name: Label, 
/**
 * [`Party::CoObligor`] or [`Party::Guarantor`].
 */
role: Party, 
/**
 * Their phone numbers, as the lender has them.
 */
phones: Array<Phone>, };

/**
 * One install of the app on one device, or the sync server itself. Issued by
 * the server and never reused.
 */
export type ReplicaId = string;

/**
 * A supervisor's review of a visit or call.
 */
export type Review = ReviewFields;

/**
 * The fields of a [`Review`].
 */
export type ReviewFields = { 
/**
 * The visit or call reviewed.
 */
target: RecordId, 
/**
 * The verdict.
 */
verdict: Verdict, 
/**
 * Coaching notes for the gestor.
 */
comment: string, 
/**
 * The supervisor.
 */
reviewer: UserId, 
/**
 * When, by the server's clock.
 */
reviewed_at: string, };

/**
 * A supervisor's review of a visit or call.
 */
export type ReviewRequest = { 
/**
 * The visit or call.
 */
target: RecordId, 
/**
 * The verdict.
 */
verdict: Verdict, 
/**
 * Notes for the gestor.
 */
comment: string, };

/**
 * What a user may do.
 */
export type Role = "gestor" | "supervisor" | "coordinator" | "admin";

/**
 * Peru's classification of a consumer debtor by days past due (SBS,
 * Res. 11356-2008, chapter 2): shown on Peruvian accounts, since the
 * lender and the debtor both speak of it.
 */
export type SbsClass = "normal" | "cpp" | "deficiente" | "dudoso" | "perdida";

/**
 * A part of an agreement: a heading and its lines.
 */
export type Section = { 
/**
 * What the part is about.
 */
heading: string, 
/**
 * Its sentences or rows, each on its own line.
 */
lines: Array<string>, };

/**
 * The points one segment adds to an account's priority.
 */
export type SegmentPoints = { 
/**
 * The segment, as the portfolio names it.
 */
segment: string, 
/**
 * Points, negative to put it later.
 */
points: number, };

/**
 * Which accounts a reassignment moves: every criterion given narrows it,
 * and accounts picked by hand narrow it to those.
 */
export type Selection = { 
/**
 * Only this region's accounts.
 */
territory: TerritoryId | null, 
/**
 * Only this segment's.
 */
segment: string | null, 
/**
 * Only this bucket's.
 */
bucket: Bucket | null, 
/**
 * Only those this gestor holds.
 */
gestor: UserId | null, 
/**
 * Only these, picked on the list.
 */
accounts: Array<DebtorId>, };

/**
 * Who sends it.
 */
export type SentVia = "phone" | "outbox";

/**
 * The signed-in user and where this device stands with the server.
 */
export type SessionInfo = { 
/**
 * The sync server.
 */
server_url: string, 
/**
 * Who is signed in.
 */
user: UserInfo, 
/**
 * This install's replica id.
 */
replica: ReplicaId, 
/**
 * Whether the session is still good; `false` once the server refused it.
 */
signed_in: boolean, 
/**
 * The feed position applied so far.
 */
cursor: number, 
/**
 * When the last sync finished (UTC, RFC 3339).
 */
last_sync_at: string | null, };

/**
 * A new password an admin sets for a user who forgot theirs.
 */
export type SetPassword = { 
/**
 * The new password.
 */
password: string, };

/**
 * A supervisor's settlement of a conflict: take nothing back (the merge
 * stands), some lost fields, all of them, or the lost delete. Anything
 * taken back is written as the record's next version.
 */
export type SettleConflict = { 
/**
 * The record's version the supervisor saw (compare-and-set).
 */
if_vv: VersionVector, 
/**
 * Lost fields to take back, each one of the conflict's.
 */
take: Array<string>, 
/**
 * Carry out the lost delete.
 */
delete: boolean, };

/**
 * How a conflict was settled.
 */
export type Settlement = { 
/**
 * Who settled it, by name.
 */
by: string, 
/**
 * When, by the server's clock.
 */
at: string, 
/**
 * The lost fields taken back into the record (none: the merge stood).
 */
took: Array<string>, 
/**
 * The lost delete was carried out.
 */
deleted: boolean, };

/**
 * Counts for the status screen.
 */
export type Status = { 
/**
 * Debtor accounts held.
 */
debtors: number, 
/**
 * All records held.
 */
records: number, 
/**
 * Local writes waiting to be sent.
 */
pending: number, 
/**
 * Local writes the server refused.
 */
rejected: number, 
/**
 * Photos of saved visits the server does not hold yet.
 */
photos_waiting: number, 
/**
 * When the last sync finished (UTC, RFC 3339), if one ever did.
 */
last_sync_at: string | null, };

/**
 * One stop of the day.
 */
export type Stop = { 
/**
 * The account.
 */
row: DebtorRow, 
/**
 * Where its address is.
 */
point: GeoPoint, 
/**
 * Metres from the previous stop (or the gestor's position); 0 for the
 * first stop without a position.
 */
leg_m: number, };

/**
 * Balance and overdue in one currency.
 */
export type Sums = { 
/**
 * The currency.
 */
currency: Currency, 
/**
 * Total outstanding.
 */
balance: Amount, 
/**
 * Overdue.
 */
overdue: Amount, };

/**
 * One version of a record, as stored and as it crosses the wire.
 */
export type SyncRecord = { 
/**
 * The record's id; a debtor account's id is its debtor id.
 */
id: RecordId, 
/**
 * The account it belongs to; this decides whose device holds it.
 */
debtor_id: DebtorId, 
/**
 * What kind of record it is.
 */
kind: RecordKind, 
/**
 * Its causal version.
 */
vv: VersionVector, 
/**
 * A tombstone: deleted, body kept for the record.
 */
deleted: boolean, 
/**
 * The body as JSON; its shape depends on `kind`.
 */
body: unknown, };

/**
 * What a sync did.
 */
export type SyncReport = { 
/**
 * Outcomes of pushed writes.
 */
pushed: PushTally, 
/**
 * Feed items applied: records, grants and revocations.
 */
pulled: number, 
/**
 * Records among them.
 */
records: number, 
/**
 * Pages pulled.
 */
pages: number, 
/**
 * Compressed bytes sent.
 */
bytes_sent: number, 
/**
 * Compressed bytes received from the feed.
 */
bytes_received: number, 
/**
 * Debtors newly assigned.
 */
granted: number, 
/**
 * Debtors assigned away and purged.
 */
revoked: number, 
/**
 * Photos that reached the server whole.
 */
photos: number, };

/**
 * A supervisor's team of gestores.
 */
export type TeamId = string;

/**
 * A team, for the pickers.
 */
export type TeamRow = { 
/**
 * The team.
 */
id: TeamId, 
/**
 * Its name.
 */
name: string, 
/**
 * The region it works.
 */
territory: TerritoryId, };

/**
 * A message template: text with `{placeholders}` (see [`Placeholders`]).
 */
export type Template = { 
/**
 * Its stable code: a message names the template it was filled from by it.
 */
code: string, 
/**
 * What the gestor picks it by, in Spanish.
 */
name: string, 
/**
 * What it is for.
 */
purpose: Purpose, 
/**
 * Whether it asks for payment: never on an account in dispute. A
 * template that collects names an amount and a date: a promise's.
 */
collects: boolean, 
/**
 * The text, in Spanish.
 */
text: string, };

/**
 * What is wrong with a template (see [`Template::check`]).
 */
export type TemplateProblem = { "problem": "code" } | { "problem": "repeated" } | { "problem": "no_name" } | { "problem": "no_text" } | { "problem": "too_long", 
/**
 * The limit.
 */
max: number, } | { "problem": "character", 
/**
 * The character, as U+XXXX.
 */
character: string, } | { "problem": "braces" } | { "problem": "unknown", 
/**
 * The placeholder, with its braces.
 */
placeholder: string, } | { "problem": "missing", 
/**
 * The placeholder, with its braces.
 */
placeholder: string, } | { "problem": "not_collecting" } | { "problem": "pressure", 
/**
 * The words, as the template has them.
 */
words: string, } | { "problem": "reminder" };

/**
 * A region debtors are grouped in, by the name people use for it.
 */
export type Territory = { 
/**
 * Its id, as debtor accounts name it.
 */
id: TerritoryId, 
/**
 * Its name ("CDMX Norte").
 */
name: string, };

/**
 * A region that debtors and gestores belong to.
 */
export type TerritoryId = string;

/**
 * One entry in a debtor's timeline.
 */
export type TimelineEntry = { 
/**
 * The record.
 */
id: RecordId, 
/**
 * When it happened: a UTC instant or a date (RFC 3339 / ISO 8601).
 */
at: string, 
/**
 * Visit, call, promise, payment or review.
 */
kind: RecordKind, 
/**
 * Its fields.
 */
body: RecordBody, 
/**
 * Not yet sent to the server.
 */
pending: boolean, 
/**
 * The server refused it, and why.
 */
rejected: Rejection | null, 
/**
 * Recorded after the account had left the gestor who wrote it.
 */
after_reassignment: boolean, };

/**
 * One record on an account's timeline.
 */
export type TimelineItem = { 
/**
 * The record.
 */
record: SyncRecord, 
/**
 * When it happened (see [`crate::RecordBody::happened_at`]).
 */
at: string, 
/**
 * Who wrote it, if a person did.
 */
author_name: string | null, };

/**
 * A person who signs in: gestor, supervisor, coordinator or admin.
 */
export type UserId = string;

/**
 * Who is signed in.
 */
export type UserInfo = { 
/**
 * Their id.
 */
id: UserId, 
/**
 * Their login.
 */
login: string, 
/**
 * Their name.
 */
name: string, 
/**
 * Their role.
 */
role: Role, 
/**
 * Their team, for gestores and supervisors.
 */
team: TeamId | null, };

/**
 * A user as an admin manages them.
 */
export type UserRow = { 
/**
 * Who.
 */
user: UserInfo, 
/**
 * Their team's name.
 */
team_name: string | null, 
/**
 * Still allowed to sign in.
 */
active: boolean, 
/**
 * The territories they coordinate (coordinators).
 */
territories: Array<TerritoryId>, 
/**
 * Their devices (gestores), newest first.
 */
devices: Array<DeviceRow>, };

/**
 * A supervisor's verdict on a visit or call.
 */
export type Verdict = "approved" | "follow_up" | "questioned";

/**
 * Replica → number of that replica's writes seen. Absent means zero.
 * Counters above [`MAX_COUNTER`] are refused when parsed.
 */
export type VersionVector = Record<string, number>;

/**
 * A field visit to a debtor.
 */
export type Visit = VisitFields;

/**
 * The fields of a [`Visit`].
 */
export type VisitFields = { 
/**
 * When the gestor arrived, by the device's clock.
 */
started_at: string, 
/**
 * When the gestor left, by the device's clock.
 */
ended_at: string, 
/**
 * Where the visit took place, for local times.
 */
zone: Zone, 
/**
 * GPS fix at the visit, if the device had one.
 */
position: Position | null, 
/**
 * Metres from the position to the account's nearest address with
 * coordinates, as the device measured them when it saved the visit.
 */
distance_m: number | null, 
/**
 * Photos of the visit; their bytes travel apart, after the visit.
 */
photos: Array<Photo>, 
/**
 * What came of it.
 */
outcome: Outcome, 
/**
 * Who was reached and what the rules asked.
 */
contact: ContactFacts, 
/**
 * What was said and seen.
 */
notes: string, 
/**
 * When to follow up.
 */
next_action_on: string | null, };

/**
 * A payment plan waiting for the supervisor's decision.
 */
export type WaitingPlan = { 
/**
 * The plan.
 */
id: RecordId, 
/**
 * Its account.
 */
debtor_id: DebtorId, 
/**
 * Its version: decide against it.
 */
vv: VersionVector, 
/**
 * What the gestor proposed.
 */
plan: PromiseFields, 
/**
 * Its discount as a percentage of the balance ("12.5").
 */
discount_percent: string, 
/**
 * The account's lender reference.
 */
external_ref: string, 
/**
 * The debtor's name.
 */
debtor_name: string, 
/**
 * The gestor who has the account now, whose device a decision reaches.
 */
gestor: UserId | null, 
/**
 * Their name.
 */
gestor_name: string | null, 
/**
 * The name of the gestor who proposed it (another, if the account moved since).
 */
proposed_by: string, };

/**
 * A visit or call made today.
 */
export type Worked = { 
/**
 * Visit or call.
 */
channel: Channel, 
/**
 * What came of it.
 */
outcome: Outcome, 
/**
 * When it started.
 */
at: string, };

/**
 * One gestor's workload.
 */
export type Workload = { 
/**
 * The gestor.
 */
gestor: UserId, 
/**
 * Their name.
 */
name: string, 
/**
 * Accounts held.
 */
accounts: number, 
/**
 * Their money, per currency.
 */
money: Array<Sums>, 
/**
 * Accounts per delinquency bucket, in [`Bucket::ALL`]'s order.
 */
buckets: Array<number>, };

/**
 * One of [`ZONES`].
 */
export type Zone = string;
