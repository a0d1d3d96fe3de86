// Turns what the gestor typed into the body the device library checks. Only
// shapes are built here; every rule (amounts, dates, coordinates, outcome
// codes) is enforced by the domain in Rust, whose errors come back in words.
import type { ActivityBody, ActivityKind, Currency, Outcome, Position } from './types';

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
}

export interface Account { zone: string; currency: Currency; today: string }

function position(input: FormInput): Position | null {
  if (!input.lat.trim() && !input.lon.trim()) return null;
  return { point: { lat: Number(input.lat), lon: Number(input.lon) }, accuracy_m: Number(input.accuracy || '0') };
}

/** The JSON body of a `kind` record, as `save_activity` expects it. */
export function activityBody(kind: ActivityKind, input: FormInput, account: Account): ActivityBody {
  const nextAction = input.nextAction || null;
  // An unknown code comes back from the domain as an error in words.
  const outcome = input.outcome as Outcome;
  switch (kind) {
    case 'visit':
      return {
        started_at: input.startedAt.toISOString(), ended_at: input.endedAt.toISOString(), zone: account.zone,
        position: position(input), outcome, notes: input.notes, next_action_on: nextAction,
      };
    case 'call':
      return {
        number: input.number, direction: input.direction, started_at: input.startedAt.toISOString(),
        duration_s: Math.round(Number(input.minutes || '0') * 60), zone: account.zone, outcome,
        notes: input.notes, next_action_on: nextAction,
      };
    case 'promise':
      return {
        amount: input.amount.trim().replace(',', '.'), currency: account.currency, made_on: account.today,
        due_on: input.dueOn, installments: [], status: 'pending', source: null,
      };
  }
}

/**
 * The hours in the debtor's zone when contact is allowed: 07:00–22:00 in
 * Mexico (CONDUSEF), 07:00–20:00 on weekdays in Peru (Ley 29571 art. 62).
 */
export function contactWindow(currency: Currency): { from: number; to: number; weekdaysOnly: boolean } {
  return currency === 'PEN' ? { from: 7, to: 20, weekdaysOnly: true } : { from: 7, to: 22, weekdaysOnly: false };
}

/** Whether `at` falls outside the contact window in `zone`. */
export function outsideContactHours(at: Date, zone: string, currency: Currency): boolean {
  const window = contactWindow(currency);
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: zone, hour: 'numeric', hourCycle: 'h23', weekday: 'short' })
    .formatToParts(at);
  const hour = Number(parts.find((p) => p.type === 'hour')?.value);
  const weekday = parts.find((p) => p.type === 'weekday')?.value ?? '';
  const weekend = weekday === 'Sat' || weekday === 'Sun';
  return hour < window.from || hour >= window.to || (window.weekdaysOnly && weekend);
}
