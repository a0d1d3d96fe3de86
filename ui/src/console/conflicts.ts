// A conflict's fields side by side, in words: what the record holds now
// against what the merge lost, one row per lost field, for the supervisor
// to choose between.
import type { ConflictDetail, ContactFacts, Lang, Position } from '../lib/types';
import { formatDate, formatDistance, formatMoney, outcomeLabel, t, type Key } from '../lib/i18n';

export interface SideBySide {
  field: string;
  label: string;
  now: string;
  lost: string;
}

const LABELS: Record<string, Key> = {
  notes: 'form.notes', outcome: 'form.outcome', phones: 'debtor.phones', dispute: 'portfolio.dispute',
  do_not_visit: 'portfolio.doNotVisit', deceased: 'conflicts.deceased', segment: 'conflicts.segment',
  status: 'conflicts.status', amount: 'conflicts.amount', due_on: 'conflicts.dueOn',
  next_action_on: 'conflicts.nextAction', contact: 'detail.reached', position: 'detail.position',
};

/** A field's name in the user's language; an unknown one as the server names it. */
export function fieldLabel(lang: Lang, field: string): string {
  const key = LABELS[field];
  return key ? t(lang, key) : field;
}

/** A stored value in words: dates and amounts in the locale, codes by name. */
export function fieldValue(lang: Lang, field: string, value: unknown, currency?: string): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return t(lang, value ? 'detail.yes' : 'detail.no');
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map((v) => fieldValue(lang, field, v, currency)).join(', ');
  if (typeof value === 'string') {
    if (field === 'outcome') return outcomeLabel(lang, value);
    if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(lang, value);
    if (field === 'amount' && (currency === 'MXN' || currency === 'PEN')) return formatMoney(value, currency);
    return value === '' ? '—' : value;
  }
  if (field === 'contact') return contactInWords(lang, value as ContactFacts);
  if (field === 'position') return positionInWords(lang, value as Position);
  return JSON.stringify(value);
}

/** Who was reached, whether they identified themselves, and any justification. */
function contactInWords(lang: Lang, contact: ContactFacts): string {
  const who = contact.party ? t(lang, `role.${contact.party}`) : t(lang, 'detail.nobody');
  const parts = [who, `${t(lang, 'detail.identified')}: ${t(lang, contact.identified ? 'detail.yes' : 'detail.no')}`];
  if (contact.justification) parts.push(`«${contact.justification}»`);
  return parts.join(' · ');
}

/** Coordinates, accuracy, and whether they were typed by hand. */
function positionInWords(lang: Lang, position: Position): string {
  const at = `${position.point.lat.toFixed(5)}, ${position.point.lon.toFixed(5)} · ±${formatDistance(lang, position.accuracy_m)}`;
  return position.source === 'typed' ? `${at} (${t(lang, 'detail.positionTyped')})` : at;
}

/** The rows to set side by side: each lost field against its value now. */
export function sideBySide(lang: Lang, detail: ConflictDetail): SideBySide[] {
  const now = (detail.current.body ?? {}) as Record<string, unknown>;
  const currency = typeof now.currency === 'string' ? now.currency : undefined;
  return Object.entries(detail.conflict.lost).map(([field, lost]) => ({
    field,
    label: fieldLabel(lang, field),
    now: fieldValue(lang, field, now[field], currency),
    lost: fieldValue(lang, field, lost, currency),
  }));
}
