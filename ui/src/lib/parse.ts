// Reads what a gestor types into a form field the way people write it in
// Mexico and Peru, or says what is wrong with it. Nothing here guesses
// silently: an entry with two plausible readings comes back as a question.
//
// The app shows money as "$1,500.50" (comma groups thousands, point marks
// decimals), so that is the first reading. A lone comma before one or two
// digits is a decimal comma ("1500,50"), as many people type it. A lone point
// before exactly three digits ("1.500") is the one real ambiguity: a thousands
// point to some, a decimal point to others; the gestor is asked.

/** Why a field's text could not be read. Worded by i18n's `input.*` keys. */
export type Problem =
  | { code: 'required' }
  | { code: 'not_a_number' }
  | { code: 'not_a_whole_number' }
  | { code: 'not_an_amount' }
  | { code: 'negative' }
  | { code: 'zero' }
  | { code: 'too_many_decimals' }
  | { code: 'ambiguous_amount'; choices: string[] }
  | { code: 'half_position' }
  | { code: 'accuracy_required' }
  | { code: 'not_a_date' }
  | { code: 'no_such_day' }
  | { code: 'year_out_of_range' }
  | { code: 'unconfirmed' };

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: Problem };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(problem: Problem): Parsed<T> => ({ ok: false, problem });

/** Unicode minus and dashes people paste from other apps count as a minus. */
function normalizeMinus(text: string): string {
  return text.replace(/[\u2212\u2012\u2013\u2014]/g, '-');
}

/** Digits grouped in threes by `separator`, the first group 1–3 digits. */
function grouped(text: string, separator: string): string | null {
  const groups = text.split(separator);
  const valid = /^\d{1,3}$/.test(groups[0]) && groups.slice(1).every((g) => /^\d{3}$/.test(g));
  return valid ? groups.join('') : null;
}

/** "0001500" and "50" with decimals "5" → "1500.00", "50.50". Null past two decimals. */
function decimalString(whole: string, fraction: string): string | null {
  const significant = fraction.replace(/0+$/, '');
  if (significant.length > 2) return null;
  const integer = whole.replace(/^0+(?=\d)/, '') || '0';
  return `${integer}.${(significant + '00').slice(0, 2)}`;
}

/**
 * An amount of money as the exact decimal string the domain takes ("1500.50").
 * Accepts a currency sign or code, spaces and thousands separators.
 */
export function parseAmount(text: string, { positive = false } = {}): Parsed<string> {
  let s = normalizeMinus(text).replace(/\s+/g, '').replace(/^(S\/\.?|\$|MXN|PEN)|(MXN|PEN)$/gi, '');
  if (s === '') return fail({ code: 'required' });
  const negative = s.startsWith('-');
  if (negative) s = s.slice(1).replace(/^(S\/\.?|\$)/i, '');
  if (!/^\d[\d.,]*$/.test(s) && !/^[.,]\d+$/.test(s)) return fail({ code: 'not_an_amount' });

  const reading = readSeparators(s);
  if (!reading.ok) return reading;
  const value = reading.value;
  if (negative && !/^0\.00$/.test(value)) return fail({ code: 'negative' });
  if (positive && /^0\.00$/.test(value)) return fail({ code: 'zero' });
  return ok(value);
}

function readSeparators(s: string): Parsed<string> {
  const commas = s.split(',').length - 1;
  const points = s.split('.').length - 1;
  const decimals = (whole: string, fraction: string) => {
    const value = decimalString(whole, fraction);
    return value === null ? fail<string>({ code: 'too_many_decimals' }) : ok(value);
  };
  if (commas === 0 && points === 0) return ok(decimalString(s, '') as string);

  if (commas > 0 && points > 0) {
    // Both marks: the last one written is the decimal mark, the other groups.
    const mark = s.lastIndexOf(',') > s.lastIndexOf('.') ? ',' : '.';
    const group = mark === ',' ? '.' : ',';
    const at = s.lastIndexOf(mark);
    const whole = s.slice(0, at);
    if ((mark === ',' ? commas : points) > 1 || whole.endsWith(group)) return fail({ code: 'not_an_amount' });
    const digits = grouped(whole, group);
    return digits === null ? fail({ code: 'not_an_amount' }) : decimals(digits, s.slice(at + 1));
  }

  const mark = commas > 0 ? ',' : '.';
  if (commas + points > 1) {
    const digits = grouped(s, mark);
    return digits === null ? fail({ code: 'not_an_amount' }) : ok(decimalString(digits, '') as string);
  }

  const [typedWhole, fraction] = s.split(mark);
  // "01.500" is as ambiguous as "1.500".
  const whole = typedWhole.replace(/^0+(?=\d)/, '');
  const looksGrouped = fraction.length === 3 && /^[1-9]\d{0,2}$/.test(whole);
  if (!looksGrouped) return decimals(whole, fraction);
  const thousands = decimalString(whole + fraction, '') as string;
  if (mark === ',') return ok(thousands);
  const asDecimal = decimalString(whole, fraction);
  return fail({ code: 'ambiguous_amount', choices: asDecimal === null ? [thousands] : [thousands, asDecimal] });
}

/** A number of degrees or metres, with a decimal point or comma. */
export function parseNumber(text: string): Parsed<number> {
  const s = normalizeMinus(text).trim().replace(/\s+/g, '');
  if (s === '') return fail({ code: 'required' });
  if (!/^[-+]?(\d+([.,]\d*)?|[.,]\d+)$/.test(s)) return fail({ code: 'not_a_number' });
  return ok(Number(s.replace(',', '.')));
}

/** A call's length in whole seconds, from minutes ("4", "2.5", "2,5") or "m:ss". */
export function parseMinutes(text: string): Parsed<number> {
  const s = normalizeMinus(text).trim();
  if (s === '') return ok(0);
  const clock = /^(\d+):([0-5]\d)$/.exec(s);
  if (clock) return ok(Number(clock[1]) * 60 + Number(clock[2]));
  const minutes = parseNumber(s);
  if (!minutes.ok) return minutes;
  if (minutes.value < 0) return fail({ code: 'negative' });
  return ok(Math.round(minutes.value * 60));
}

export interface TypedPosition {
  point: { lat: number; lon: number };
  accuracy_m: number;
}

/**
 * "19.4326, -99.1332", "19.4326 -99.1332", "19.4326;-99.1332" or
 * "19.4326,-99.1332": two numbers with decimals, as maps copy a point.
 */
function splitPair(text: string): [string, string] | null {
  const parts = text.split(/\s*;\s*|,\s+|\s+/);
  if (parts.length === 2 && parts.every((p) => /\d[.,]\d/.test(p))) return [parts[0], parts[1]];
  const joined = /^([-+]?\d+\.\d+),([-+]?\d+\.\d+)$/.exec(text);
  return joined ? [joined[1], joined[2]] : null;
}

/** Which of the position's fields a problem belongs to. */
export type PositionField = 'lat' | 'lon' | 'accuracy';

/**
 * A typed position: both coordinates with their accuracy, or nothing. A pair
 * pasted whole into the latitude ("19.4326, -99.1332", as maps copy it) is
 * split. Ranges are the domain's to check.
 */
export function parsePosition(lat: string, lon: string, accuracy: string):
  { ok: true; value: TypedPosition | null } | { ok: false; field: PositionField; problem: Problem } {
  let [latText, lonText] = [lat.trim(), lon.trim()];
  const pair = lonText === '' ? splitPair(latText) : null;
  if (pair) [latText, lonText] = pair;
  if (latText === '' && lonText === '') return { ok: true, value: null };
  if (latText === '') return { ok: false, field: 'lat', problem: { code: 'half_position' } };
  if (lonText === '') return { ok: false, field: 'lon', problem: { code: 'half_position' } };
  const parsedLat = parseNumber(latText);
  if (!parsedLat.ok) return { ok: false, field: 'lat', problem: parsedLat.problem };
  const parsedLon = parseNumber(lonText);
  if (!parsedLon.ok) return { ok: false, field: 'lon', problem: parsedLon.problem };
  // A typed point has no GPS behind it: its margin is the gestor's to say, never an invented 0 m.
  const parsedAccuracy = parseNumber(accuracy);
  if (!parsedAccuracy.ok) {
    const problem = parsedAccuracy.problem.code === 'required' ? { code: 'accuracy_required' as const } : parsedAccuracy.problem;
    return { ok: false, field: 'accuracy', problem };
  }
  if (parsedAccuracy.value < 0) return { ok: false, field: 'accuracy', problem: { code: 'negative' } };
  return { ok: true, value: { point: { lat: parsedLat.value, lon: parsedLon.value }, accuracy_m: parsedAccuracy.value } };
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A calendar date typed day first, as in Mexico and Peru ("1/12/2026",
 * "01-12-26", or "5.1": the next 5 January from `today`), or ISO
 * ("2026-12-01"). Returns ISO, the form the domain takes.
 */
export function parseDate(text: string, today: string): Parsed<string> {
  const s = text.trim();
  if (s === '') return fail({ code: 'required' });
  let day: number, month: number, year: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2}|\d{4}))?$/.exec(s);
  if (iso) {
    [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  } else if (dayFirst) {
    [day, month] = [Number(dayFirst[1]), Number(dayFirst[2])];
    const typed = dayFirst[3];
    year = typed === undefined ? Number(today.slice(0, 4)) : typed.length === 2 ? 2000 + Number(typed) : Number(typed);
    // With no year, a day already past this year is next year's.
    if (typed === undefined && `${year}-${pad(month)}-${pad(day)}` < today) year += 1;
  } else {
    return fail({ code: 'not_a_date' });
  }
  if (year < 2000 || year > 2100) return fail({ code: 'year_out_of_range' });
  const date = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) {
    return fail({ code: 'no_such_day' });
  }
  return ok(`${year}-${pad(month)}-${pad(day)}`);
}

/** An ISO date as the form shows it for editing: "01/12/2026". */
export function dayFirst(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}/${month}/${year}`;
}
