import { describe, expect, it } from 'vitest';
import type { ContactPolicy } from '../lib/types';
import { policyForm, readPolicy } from './policy';

const base = {
  country: 'MX', version: 3, from: '07:00:00', until: '22:00:00', weekends: true, holidays: false,
  caps: { attempts_per_day: 2, attempts_per_week: 7, visits_per_week: 3 }, may_discuss_debt: ['debtor'], justify_hours: true,
  agency: 'Cobranza Justa', agency_phone: '5550001111', grace_days: 3, default_discount_percent: '10', discount_limits: [],
  segment_points: [], reminder_days_before: 2, reminder_channel: 'sms', escalate_after: 3, far_from_address_m: 300,
  many_contacts_per_week: 4,
} as unknown as ContactPolicy;

describe('the policy editor', () => {
  it('reads what was typed as the next version, keeping what it does not show', () => {
    const form = { ...policyForm(base), from: '8:30', until: '21.00', perDay: '3', farMeters: '1,000', discount: '12,5 %' };
    const reading = readPolicy(form, base);
    expect(reading.ok).toBe(true);
    if (!reading.ok) return;
    expect(reading.policy).toMatchObject({
      version: 4, from: '08:30:00', until: '21:00:00', caps: { attempts_per_day: 3, attempts_per_week: 7 },
      far_from_address_m: 1000, default_discount_percent: '12.5', may_discuss_debt: ['debtor'],
    });
  });

  it('names each field that does not read', () => {
    const form = { ...policyForm(base), from: '25:00', perWeek: 'siete', graceDays: '', discount: '10.555' };
    expect(readPolicy(form, base)).toEqual({ ok: false, problems: { from: 'time', perWeek: 'whole', graceDays: 'required', discount: 'percent' } });
  });
});
