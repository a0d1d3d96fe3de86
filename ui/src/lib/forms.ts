// Turns what the gestor typed into the body the device library checks, or
// says which field is wrong and why. Reading what people type (amounts,
// dates, positions) is ./parse.ts; the domain rules (ranges, outcome codes,
// due dates) stay in Rust, whose errors come back as codes worded by i18n.
import type {
  ActivityBody, Call, ContactAdvice, ContactFacts, Currency, FormKind, Outcome, Party, Photo, PromiseToPay, RelatedParty,
  TimelineEntry, Visit,
} from './types';
import { dayFirst, parseAmount, parseDate, parseMinutes, parsePosition, type Parsed, type Problem } from './parse';

export interface FormInput {
  outcome: string;
  notes: string;
  nextAction: string;
  startedAt: Date;
  endedAt: Date;
  lat: string;
  lon: string;
  accuracy: string;
  number: string;
  direction: 'outbound' | 'inbound';
  minutes: string;
  amount: string;
  dueOn: string;
  /** Who was reached: '' (not chosen yet), 'nobody', 'debtor', `related:<index>` or 'other'. */
  reached: string;
  /** The gestor ticked that they identified themselves as the script says. */
  identified: boolean;
  justification: string;
  /** When the device's location service gave the position in the fields; null once the gestor types one. */
  fixedAt: string | null;
  /** Photos attached to a visit, kept on the device already. */
  photos: Photo[];
}

/** The form as the gestor first fills it, on `today`, calling `number` if they tapped one. */
export function blankInput(today: string, number: string, now: Date): FormInput {
  return {
    outcome: '', notes: '', nextAction: '', startedAt: now, endedAt: now, lat: '', lon: '', accuracy: '',
    number, direction: 'outbound', minutes: '', amount: '', dueOn: dayFirst(today),
    reached: '', identified: false, justification: '', fixedAt: null, photos: [],
  };
}

/** The form as it was filled for `body`, to put right a record sent back or not yet sent. */
export function inputOf(kind: FormKind, body: ActivityBody, related: RelatedParty[], today: string): FormInput {
  const blank = blankInput(today, '', new Date());
  if (kind === 'promise') {
    const p = body as PromiseToPay;
    return { ...blank, amount: p.amount, dueOn: dayFirst(p.due_on) };
  }
  const c = body as Visit | Call;
  const party = c.contact?.party ?? null;
  // A co-obligor or guarantor no longer on file is asked again, never guessed.
  const index = related.findIndex((r) => r.role === party);
  const reached = party === null ? 'nobody'
    : party === 'debtor' || party === 'other' ? party
    : index >= 0 ? `related:${index}` : '';
  const common = {
    ...blank, outcome: c.outcome, notes: c.notes, nextAction: c.next_action_on ? dayFirst(c.next_action_on) : '',
    startedAt: new Date(c.started_at), reached, identified: c.contact?.identified ?? false,
    justification: c.contact?.justification ?? '',
  };
  if (kind === 'visit') {
    const v = c as Visit;
    const p = v.position;
    return {
      ...common, endedAt: new Date(v.ended_at), photos: v.photos ?? [],
      lat: p ? String(p.point.lat) : '', lon: p ? String(p.point.lon) : '', accuracy: p ? String(p.accuracy_m) : '',
      fixedAt: p?.source === 'device' ? (p.fixed_at ?? null) : null,
    };
  }
  const call = c as Call;
  // As minutes:seconds, so the duration comes back to the second.
  const minutes = `${Math.floor(call.duration_s / 60)}:${String(call.duration_s % 60).padStart(2, '0')}`;
  return { ...common, number: call.number, direction: call.direction, minutes };
}

/** The form fields a problem can belong to. */
export type Field =
  | 'outcome' | 'number' | 'minutes' | 'lat' | 'lon' | 'accuracy' | 'nextAction' | 'amount' | 'dueOn' | 'reached' | 'identified'
  | 'total' | 'discount' | 'count' | 'firstDue' | 'logFrom' | 'logTo' | 'day';
export type FieldErrors = Partial<Record<Field, Problem>>;

export interface Account { zone: string; currency: Currency; today: string; related: RelatedParty[] }

/** One choice of who was reached: the debtor, each co-obligor and guarantor on file, or someone else. */
export interface ReachedChoice { value: string; party: Party | null; name: string | null }

/** Who the form offers as reached. Only the people the lender lists are co-obligors or guarantors. */
export function reachedChoices(debtorName: string, related: RelatedParty[]): ReachedChoice[] {
  return [
    { value: 'nobody', party: null, name: null },
    { value: 'debtor', party: 'debtor', name: debtorName },
    ...related.map((r, i) => ({ value: `related:${i}`, party: r.role, name: r.name })),
    { value: 'other', party: 'other', name: null },
  ];
}

/** The party `reached` names: `null` for nobody, `undefined` while not chosen. */
export function partyOf(reached: string, related: RelatedParty[]): Party | null | undefined {
  if (reached === 'nobody') return null;
  if (reached === 'debtor' || reached === 'other') return reached;
  const index = reached.startsWith('related:') ? Number(reached.slice(8)) : NaN;
  return related[index]?.role;
}

/** Whether the debt may be discussed with `party` under the policy the device holds. */
export function mayHearOfDebt(party: Party | null | undefined, advice: ContactAdvice | null): boolean {
  return party != null && (advice?.policy.may_discuss_debt.includes(party) ?? party === 'debtor');
}

/**
 * The outcomes the form offers once it knows who was reached: with nobody,
 * those that say so; with someone who may not hear of the debt, those that
 * do not touch it. The lists come from the core rules, through `advice`.
 */
export function allowedOutcomes(all: Outcome[], party: Party | null | undefined, advice: ContactAdvice | null): Outcome[] {
  if (party === undefined || !advice) return all;
  if (party === null) return all.filter((o) => advice.unanswered.includes(o));
  return mayHearOfDebt(party, advice) ? all : all.filter((o) => advice.neutral.includes(o));
}

/** The body to save, or what stops it, field by field. */
export type Reading = { ok: true; body: ActivityBody } | { ok: false; errors: FieldErrors };

/** Reads `input` as a `kind` record on `account`. */
export function readForm(kind: FormKind, input: FormInput, account: Account): Reading {
  const errors: FieldErrors = {};
  function take<T>(field: Field, parsed: Parsed<T>): T | undefined {
    if (parsed.ok) return parsed.value;
    errors[field] = parsed.problem;
    return undefined;
  }
  const optionalDate = (text: string): Parsed<string | null> => (text.trim() ? parseDate(text, account.today) : { ok: true, value: null });

  if (kind === 'promise') {
    const amount = take('amount', parseAmount(input.amount, { positive: true }));
    const dueOn = take('dueOn', parseDate(input.dueOn, account.today));
    if (amount === undefined || dueOn === undefined) return { ok: false, errors };
    return {
      ok: true,
      body: {
        amount, currency: account.currency, made_on: account.today, due_on: dueOn, installments: [], status: 'pending',
        source: null,
      },
    };
  }

  // An unknown code comes back from the domain as an error in words.
  const outcome = input.outcome as Outcome;
  if (!input.outcome) errors.outcome = { code: 'required' };
  const nextAction = take('nextAction', optionalDate(input.nextAction));
  const party = partyOf(input.reached, account.related);
  if (party === undefined) errors.reached = { code: 'required' };
  else if (party !== null && !input.identified) errors.identified = { code: 'unconfirmed' };
  const contact: ContactFacts = {
    party: party ?? null, identified: party != null && input.identified,
    justification: input.justification.trim() || null, policy_version: null,
  };
  const common = { zone: account.zone, outcome, contact, notes: input.notes, next_action_on: nextAction ?? null };
  if (kind === 'visit') {
    const position = parsePosition(input.lat, input.lon, input.accuracy);
    if (!position.ok) errors[position.field] = position.problem;
    if (!position.ok || Object.keys(errors).length) return { ok: false, errors };
    // A position the gestor typed says so; one the phone gave keeps when it was taken.
    const evidence = input.fixedAt ? { source: 'device' as const, fixed_at: input.fixedAt } : { source: 'typed' as const };
    const located = position.value && { ...position.value, ...evidence };
    return {
      ok: true,
      body: {
        started_at: input.startedAt.toISOString(), ended_at: input.endedAt.toISOString(), position: located, distance_m: null,
        photos: input.photos, ...common,
      },
    };
  }
  if (!input.number) errors.number = { code: 'required' };
  const duration = take('minutes', parseMinutes(input.minutes));
  if (duration === undefined || Object.keys(errors).length) return { ok: false, errors };
  return {
    ok: true,
    body: { number: input.number, direction: input.direction, started_at: input.startedAt.toISOString(), duration_s: duration, ...common },
  };
}

/** Something the gestor may well mean, but should confirm before it is saved. */
export type Doubt =
  | { code: 'past_next_action'; date: string }
  | { code: 'far_date'; date: string }
  | { code: 'above_balance'; amount: string; balance: string }
  | { code: 'open_promise'; amount: string; due_on: string };

/** Cents of a non-negative decimal string, exactly. */
function cents(amount: string): bigint {
  const [whole, fraction = ''] = amount.split('.');
  return BigInt(whole + (fraction + '00').slice(0, 2));
}

/** A promise still pending and not yet due (nor refused), the earliest first. */
export function openPromise(timeline: TimelineEntry[], today: string): PromiseToPay | null {
  const open = timeline
    .filter((e) => e.kind === 'promise' && !e.rejected)
    .map((e) => e.body as PromiseToPay)
    .filter((p) => p.status === 'pending' && p.due_on >= today)
    .sort((a, b) => a.due_on.localeCompare(b.due_on));
  return open[0] ?? null;
}

/** The day a year after `today` (ISO dates compare as text). */
function aYearAfter(today: string): string {
  return `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
}

/** What to ask before saving `body`, on an account with `balance` and its `open` promise. */
export function doubts(kind: FormKind, body: ActivityBody, context: { today: string; balance: string; open: PromiseToPay | null }): Doubt[] {
  const found: Doubt[] = [];
  const date = kind === 'promise' ? (body as PromiseToPay).due_on : ('next_action_on' in body ? body.next_action_on : null);
  // "1/12/62" is a slip far likelier than a promise for 2062.
  if (date && date > aYearAfter(context.today)) found.push({ code: 'far_date', date });
  if (kind === 'promise') {
    const promise = body as PromiseToPay;
    if (cents(promise.amount) > cents(context.balance)) found.push({ code: 'above_balance', amount: promise.amount, balance: context.balance });
    if (context.open) found.push({ code: 'open_promise', amount: context.open.amount, due_on: context.open.due_on });
  } else if ('next_action_on' in body && body.next_action_on && body.next_action_on < context.today) {
    found.push({ code: 'past_next_action', date: body.next_action_on });
  }
  return found;
}

/** `list` with `item` ticked if it was not, untouched otherwise: a checkbox list's change. */
export function toggled<T>(list: T[], item: T): T[] {
  return list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
}
