// Days typed in the console's filters, read as the user's local days: the
// same reading, instants and wording for the log, the audit trail, the KPIs
// and the day map.
import type { Field } from '../lib/forms';
import type { Lang } from '../lib/types';
import { problemMessage } from '../lib/i18n';
import { parseDate } from '../lib/parse';

export type DayReading = ReturnType<typeof parseDate>;

/** A day typed as day/month/year (or left empty: `null`, no bound). */
export function optionalDay(text: string, today: string): DayReading | null {
  return text.trim() === '' ? null : parseDate(text, today);
}

/** The instant the local day `iso` (plus `plusDays`) begins, in RFC 3339. */
export function startOf(iso: string, plusDays = 0): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(y, m - 1, d + plusDays).toISOString();
}

/** What is wrong with a typed day, in `lang`; null when it reads (or is empty). */
export function dayProblem(lang: Lang, field: Field, reading: DayReading | null): string | null {
  return reading && !reading.ok ? problemMessage(lang, field, reading.problem) : null;
}
