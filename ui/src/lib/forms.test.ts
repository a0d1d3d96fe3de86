import { describe, expect, it } from 'vitest';
import { activityBody, outsideContactHours, type FormInput } from './forms';
import type { VisitFields } from './types';

const input: FormInput = {
  outcome: 'no_answer', notes: 'nadie en casa', nextAction: '2026-11-23',
  startedAt: new Date('2026-11-22T16:00:00Z'), endedAt: new Date('2026-11-22T16:10:00Z'),
  lat: '19.43', lon: '-99.13', accuracy: '12', number: '5512345678', direction: 'outbound', minutes: '2.5',
  amount: '1500,50', dueOn: '2026-11-30',
};
const account = { zone: 'America/Mexico_City', currency: 'MXN' as const, today: '2026-11-22' };

describe('activityBody', () => {
  it('builds a visit with its position and next action', () => {
    expect(activityBody('visit', input, account)).toEqual({
      started_at: '2026-11-22T16:00:00.000Z', ended_at: '2026-11-22T16:10:00.000Z', zone: 'America/Mexico_City',
      position: { point: { lat: 19.43, lon: -99.13 }, accuracy_m: 12 }, outcome: 'no_answer', notes: 'nadie en casa',
      next_action_on: '2026-11-23',
    });
  });

  it('leaves the position out when none was typed', () => {
    const body = activityBody('visit', { ...input, lat: '', lon: '' }, account) as VisitFields;
    expect(body.position).toBeNull();
  });

  it('builds a call with its duration in seconds', () => {
    const body = activityBody('call', input, account);
    expect(body).toMatchObject({ number: '5512345678', direction: 'outbound', duration_s: 150, outcome: 'no_answer' });
  });

  it("builds a promise in the account's currency, keeping the amount a decimal string", () => {
    expect(activityBody('promise', input, account)).toEqual({
      amount: '1500.50', currency: 'MXN', made_on: '2026-11-22', due_on: '2026-11-30', installments: [],
      status: 'pending', source: null,
    });
  });
});

describe('outsideContactHours', () => {
  it("follows Mexico's 07:00–22:00 in the debtor's zone", () => {
    expect(outsideContactHours(new Date('2026-11-22T16:00:00Z'), 'America/Mexico_City', 'MXN')).toBe(false); // 10:00
    expect(outsideContactHours(new Date('2026-11-23T04:30:00Z'), 'America/Mexico_City', 'MXN')).toBe(true); // 22:30
  });

  it("follows Peru's 07:00–20:00 on weekdays only", () => {
    expect(outsideContactHours(new Date('2026-11-23T15:00:00Z'), 'America/Lima', 'PEN')).toBe(false); // Mon 10:00
    expect(outsideContactHours(new Date('2026-11-24T01:30:00Z'), 'America/Lima', 'PEN')).toBe(true); // Mon 20:30
    expect(outsideContactHours(new Date('2026-11-21T15:00:00Z'), 'America/Lima', 'PEN')).toBe(true); // Sat 10:00
  });
});
