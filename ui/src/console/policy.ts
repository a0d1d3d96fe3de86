// The contact policy as its editor shows it: every field as typed text,
// read back into the next version of the policy or into the fields' problems.
import type { ContactPolicy } from '../lib/types';
import { readTemplates, templateForms, type TemplateForm } from './templates';

export interface PolicyForm {
  from: string;
  until: string;
  weekends: boolean;
  holidays: boolean;
  justify: boolean;
  perDay: string;
  perWeek: string;
  visitsPerWeek: string;
  agency: string;
  agencyPhone: string;
  graceDays: string;
  discount: string;
  reminderDays: string;
  escalateAfter: string;
  farMeters: string;
  manyContacts: string;
  templates: TemplateForm[];
}
export type PolicyField = Exclude<keyof PolicyForm, 'weekends' | 'holidays' | 'justify' | 'templates'>;
/** What is wrong with a field: not a time, not a whole number, not a percentage, or empty. */
export type PolicyProblem = 'time' | 'whole' | 'percent' | 'required';

export function policyForm(p: ContactPolicy): PolicyForm {
  return {
    from: p.from.slice(0, 5), until: p.until.slice(0, 5), weekends: p.weekends, holidays: p.holidays, justify: p.justify_hours,
    perDay: String(p.caps.attempts_per_day), perWeek: String(p.caps.attempts_per_week), visitsPerWeek: String(p.caps.visits_per_week),
    agency: p.agency, agencyPhone: p.agency_phone, graceDays: String(p.grace_days), discount: p.default_discount_percent,
    reminderDays: String(p.reminder_days_before), escalateAfter: String(p.escalate_after),
    farMeters: String(p.far_from_address_m), manyContacts: String(p.many_contacts_per_week),
    templates: templateForms(p.templates),
  };
}

export type PolicyReading = { ok: true; policy: ContactPolicy } | { ok: false; problems: Partial<Record<PolicyField, PolicyProblem>> };

/** The version after `base` that `form` describes, or what is wrong with it. Ranges are the server's to check. */
export function readPolicy(form: PolicyForm, base: ContactPolicy): PolicyReading {
  const problems: Partial<Record<PolicyField, PolicyProblem>> = {};
  const time = (field: PolicyField): string => {
    const m = /^(\d{1,2})[:.](\d{2})$/.exec(form[field].trim());
    if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) { problems[field] = 'time'; return ''; }
    return `${m[1].padStart(2, '0')}:${m[2]}:00`;
  };
  // "1,000" is a thousand; "2,5" is two and a half, not a whole number.
  const whole = (field: PolicyField): number => {
    const typed = form[field].trim().replace(/\s/g, '');
    const text = /^\d{1,3}(,\d{3})+$/.test(typed) ? typed.replace(/,/g, '') : typed;
    if (!/^\d{1,9}$/.test(text)) { problems[field] = text === '' ? 'required' : 'whole'; return 0; }
    return Number(text);
  };
  const percent = (): string => {
    const text = form.discount.trim().replace(/\s*%$/, '').replace(',', '.');
    if (!/^\d{1,3}(\.\d{1,2})?$/.test(text)) { problems.discount = text === '' ? 'required' : 'percent'; return '0'; }
    return text;
  };
  const policy: ContactPolicy = {
    ...base,
    version: base.version + 1,
    from: time('from'),
    until: time('until'),
    weekends: form.weekends,
    holidays: form.holidays,
    justify_hours: form.justify,
    caps: { attempts_per_day: whole('perDay'), attempts_per_week: whole('perWeek'), visits_per_week: whole('visitsPerWeek') },
    agency: form.agency.trim(),
    agency_phone: form.agencyPhone.trim(),
    grace_days: whole('graceDays'),
    default_discount_percent: percent(),
    reminder_days_before: whole('reminderDays'),
    escalate_after: whole('escalateAfter'),
    far_from_address_m: whole('farMeters'),
    many_contacts_per_week: whole('manyContacts'),
    templates: readTemplates(form.templates),
  };
  return Object.keys(problems).length === 0 ? { ok: true, policy } : { ok: false, problems };
}

/** Whether `next` says what `base` says but for its version: saving it would send every device a copy. */
export function unchanged(next: ContactPolicy, base: ContactPolicy): boolean {
  return JSON.stringify({ ...next, version: base.version }) === JSON.stringify(base);
}
