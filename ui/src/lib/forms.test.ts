import { describe, expect, it } from 'vitest';
import { allowedOutcomes, blankInput, doubts, inputOf, openPromise, partyOf, readForm, reachedChoices, toggled, type FormInput } from './forms';
import type { ContactAdvice, ContactPolicy, Outcome, PromiseToPay, RelatedParty, TimelineEntry } from './types';

const input: FormInput = {
  outcome: 'no_answer', notes: 'nadie en casa', nextAction: '23/11/2026',
  startedAt: new Date('2026-11-22T16:00:00Z'), endedAt: new Date('2026-11-22T16:10:00Z'),
  lat: '19.43', lon: '-99.13', accuracy: '12', number: '5512345678', direction: 'outbound', minutes: '2,5',
  amount: '1,500.50', dueOn: '30/11/2026', reached: 'nobody', identified: false, justification: '', fixedAt: null, photos: [],
};
const related: RelatedParty[] = [{ name: 'Rosa Díaz', role: 'guarantor', phones: ['5533334444'] }];
const account = { zone: 'America/Mexico_City', currency: 'MXN' as const, today: '2026-11-22', related };
const nobody = { party: null, identified: false, justification: null, policy_version: null };

describe('readForm', () => {
  it('builds a visit with its position and next action', () => {
    expect(readForm('visit', input, account)).toEqual({
      ok: true,
      body: {
        started_at: '2026-11-22T16:00:00.000Z', ended_at: '2026-11-22T16:10:00.000Z', zone: 'America/Mexico_City',
        position: { point: { lat: 19.43, lon: -99.13 }, accuracy_m: 12, source: 'typed' }, distance_m: null, photos: [],
        outcome: 'no_answer', contact: nobody, notes: 'nadie en casa', next_action_on: '2026-11-23',
      },
    });
  });

  it("keeps when the phone took a position, until the gestor types over it", () => {
    const located = readForm('visit', { ...input, fixedAt: '2026-11-22T15:59:20.000Z' }, account);
    expect(located).toMatchObject({ ok: true, body: { position: { source: 'device', fixed_at: '2026-11-22T15:59:20.000Z' } } });
  });

  it('leaves the position out when none was typed, and refuses half of one', () => {
    expect(readForm('visit', { ...input, lat: '', lon: '', accuracy: '' }, account)).toMatchObject({ ok: true, body: { position: null } });
    expect(readForm('visit', { ...input, lon: '' }, account)).toEqual({ ok: false, errors: { lon: { code: 'half_position' } } });
  });

  it('builds a call with its duration in seconds', () => {
    expect(readForm('call', input, account)).toMatchObject({
      ok: true, body: { number: '5512345678', direction: 'outbound', duration_s: 150, outcome: 'no_answer' },
    });
  });

  it('names every field that stops a save', () => {
    expect(readForm('call', { ...input, outcome: '', minutes: '-2', nextAction: '31/11/2026' }, account)).toEqual({
      ok: false,
      errors: { outcome: { code: 'required' }, minutes: { code: 'negative' }, nextAction: { code: 'no_such_day' } },
    });
  });

  it("builds a promise in the account's currency, keeping the amount a decimal string", () => {
    expect(readForm('promise', input, account)).toEqual({
      ok: true,
      body: {
        amount: '1500.50', currency: 'MXN', made_on: '2026-11-22', due_on: '2026-11-30', installments: [],
        status: 'pending', source: null,
      },
    });
  });
});

describe('who was reached', () => {
  it('is asked, and the identification is confirmed whenever someone answered', () => {
    expect(readForm('call', { ...input, reached: '' }, account)).toEqual({ ok: false, errors: { reached: { code: 'required' } } });
    expect(readForm('call', { ...input, reached: 'related:0', outcome: 'promise_to_pay' }, account))
      .toEqual({ ok: false, errors: { identified: { code: 'unconfirmed' } } });
    expect(readForm('call', { ...input, reached: 'related:0', identified: true, justification: '  pidió hoy ' }, account))
      .toMatchObject({ ok: true, body: { contact: { party: 'guarantor', identified: true, justification: 'pidió hoy' } } });
  });

  it('offers the debtor, the guarantors and co-obligors on file, nobody and someone else', () => {
    const choices = reachedChoices('María López', related);
    expect(choices.map((c) => [c.value, c.party, c.name])).toEqual([
      ['nobody', null, null], ['debtor', 'debtor', 'María López'], ['related:0', 'guarantor', 'Rosa Díaz'], ['other', 'other', null],
    ]);
    expect(partyOf('related:3', related)).toBeUndefined();
  });

  it('offers only neutral outcomes to someone who may not hear of the debt, under the policy held', () => {
    const all: Outcome[] = ['right_party_contact', 'third_party_contact', 'no_answer', 'promise_to_pay'];
    const policy = { may_discuss_debt: ['debtor', 'guarantor'] } as ContactPolicy;
    const advice = {
      breaches: [], justifiable: true, policy, unanswered: ['no_answer'], neutral: ['third_party_contact', 'no_answer'],
    } as ContactAdvice;
    expect(allowedOutcomes(all, 'other', advice)).toEqual(['third_party_contact', 'no_answer']);
    expect(allowedOutcomes(all, 'co_obligor', advice)).toEqual(['third_party_contact', 'no_answer']);
    expect(allowedOutcomes(all, 'guarantor', advice)).toEqual(all);
    expect(allowedOutcomes(all, null, advice)).toEqual(['no_answer']);
    expect(allowedOutcomes(all, undefined, advice)).toEqual(all);
  });
});

describe('doubts', () => {
  const promise = (amount: string, due_on: string, status = 'pending'): PromiseToPay => ({
    amount, currency: 'MXN', made_on: '2026-11-01', due_on, installments: [], status, source: null,
  } as PromiseToPay);
  const entry = (body: PromiseToPay): TimelineEntry => ({
    id: '0', at: body.due_on, kind: 'promise', body, pending: false, rejected: null, after_reassignment: false,
  });
  const context = { today: '2026-11-22', balance: '1500.00', open: null };

  it('asks about a promise above the balance, to the cent', () => {
    expect(doubts('promise', promise('1500.00', '2026-11-30'), context)).toEqual([]);
    expect(doubts('promise', promise('1500.01', '2026-11-30'), context)).toEqual([
      { code: 'above_balance', amount: '1500.01', balance: '1500.00' },
    ]);
  });

  it('asks about a second open promise, not about a kept or lapsed one', () => {
    const refused = { ...entry(promise('50.00', '2026-11-23')), rejected: { code: 'invalid_record', message: '', error: null } } as TimelineEntry;
    const timeline = [entry(promise('200.00', '2026-11-20')), entry(promise('300.00', '2026-11-28', 'kept')), entry(promise('400.00', '2026-11-25')), refused];
    const open = openPromise(timeline, '2026-11-22');
    expect(open?.amount).toBe('400.00');
    expect(doubts('promise', promise('100.00', '2026-11-30'), { ...context, open })).toEqual([
      { code: 'open_promise', amount: '400.00', due_on: '2026-11-25' },
    ]);
  });

  it('asks about a date more than a year away', () => {
    expect(doubts('promise', promise('100.00', '2062-12-01'), context)).toEqual([{ code: 'far_date', date: '2062-12-01' }]);
    expect(doubts('promise', promise('100.00', '2027-11-22'), context)).toEqual([]);
  });

  it('asks about a next action before today', () => {
    const read = readForm('visit', { ...input, nextAction: '21/11/2026' }, account);
    if (!read.ok) throw new Error('the visit reads');
    expect(doubts('visit', read.body, context)).toEqual([{ code: 'past_next_action', date: '2026-11-21' }]);
  });
});

describe('photos', () => {
  it('scale to a long edge of 1600 pixels, never up', async () => {
    const { fitted } = await import('./photos');
    expect(fitted(4000, 3000)).toEqual({ width: 1600, height: 1200 });
    expect(fitted(3000, 4000)).toEqual({ width: 1200, height: 1600 });
    expect(fitted(800, 600)).toEqual({ width: 800, height: 600 });
  });

  it('travel with the visit that names them', () => {
    const photo = { blob: 'a'.repeat(64), bytes: 1000, image: 'jpeg' as const };
    expect(readForm('visit', { ...input, photos: [photo] }, account)).toMatchObject({ ok: true, body: { photos: [photo] } });
  });
});

describe('message links', () => {
  it('open the phone’s SMS app, WhatsApp or mail app with the text, and dial', async () => {
    const { callLink, messageLink, recipients } = await import('./messages');
    expect(messageLink('sms', '5512345678', 'Hola María, ¿cómo está?', 'MXN')).toBe('sms:5512345678?body=Hola%20Mar%C3%ADa%2C%20%C2%BFc%C3%B3mo%20est%C3%A1%3F');
    expect(messageLink('whatsapp', '987654321', 'Hola', 'PEN')).toBe('https://wa.me/51987654321?text=Hola');
    expect(messageLink('email', 'maria@example.com', 'Hola & adiós', 'MXN', 'Mensaje de Cobranza Justa')).toBe(
      'mailto:maria@example.com?subject=Mensaje%20de%20Cobranza%20Justa&body=Hola%20%26%20adi%C3%B3s',
    );
    expect(callLink('5512345678')).toBe('tel:5512345678');
    const debtor = { phones: ['5512345678'], emails: ['maria@example.com'] };
    expect(recipients('email', debtor)).toEqual(['maria@example.com']);
    expect(recipients('whatsapp', debtor)).toEqual(['5512345678']);
  });
});

describe('putting a record right', () => {
  it('fills the form as the record was, so saving it unchanged gives the same record', () => {
    const start = new Date('2026-11-22T16:00:00Z');
    const filled: FormInput[] = [
      { ...blankInput(account.today, '5512345678', start), outcome: 'promise_to_pay', reached: 'related:0', identified: true,
        minutes: '4,25', notes: 'habló la aval', justification: 'pidió esa hora', nextAction: '25/11/2026' },
      { ...blankInput(account.today, '', start), outcome: 'no_answer', reached: 'nobody', lat: '19.4326', lon: '-99.1332',
        accuracy: '12', fixedAt: '2026-11-22T15:59:00.000Z', notes: 'nadie' },
      { ...blankInput(account.today, '', start), amount: '1500.50', dueOn: '30/11/2026' },
    ];
    const kinds = ['call', 'visit', 'promise'] as const;
    kinds.forEach((kind, i) => {
      const first = readForm(kind, filled[i], account);
      if (!first.ok) throw new Error(`${kind}: ${JSON.stringify(first.errors)}`);
      const again = readForm(kind, inputOf(kind, first.body, related, account.today), account);
      expect(again).toEqual(first);
    });
  });
});

describe('a checkbox list', () => {
  it('ticks what was not ticked and unticks what was, keeping the order', () => {
    expect(toggled(['a', 'b'], 'c')).toEqual(['a', 'b', 'c']);
    expect(toggled(['a', 'b', 'c'], 'b')).toEqual(['a', 'c']);
  });
});
