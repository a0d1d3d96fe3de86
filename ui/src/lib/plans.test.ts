import { describe, expect, it } from 'vitest';
import { blankPlan, readPlan } from './plans';

describe('readPlan', () => {
  it('reads a plan as a gestor types it', () => {
    const reading = readPlan({ ...blankPlan(), total: '$8,000', discount: '2 000,50', count: '4', firstDue: '15/12' }, '2026-12-02');
    expect(reading).toEqual({
      ok: true,
      request: { terms: { total: '8000.00', count: 4, frequency: 'monthly', first_due: '2026-12-15' }, discount: '2000.50', made_on: '2026-12-02' },
    });
  });

  it('takes an empty discount as none', () => {
    const reading = readPlan({ ...blankPlan(), total: '900', discount: '', count: '3', firstDue: '2026-12-20' }, '2026-12-02');
    expect(reading.ok && reading.request.discount).toBe('0.00');
  });

  it('names every field that is wrong', () => {
    const reading = readPlan({ total: '1.500', discount: '-5', count: '2.5', frequency: 'weekly', firstDue: '31/02/2027' }, '2026-12-02');
    expect(reading).toEqual({
      ok: false,
      errors: {
        total: { code: 'ambiguous_amount', choices: ['1500.00', '1.50'] },
        discount: { code: 'negative' },
        count: { code: 'not_a_whole_number' },
        firstDue: { code: 'no_such_day' },
      },
    });
    const empty = readPlan(blankPlan(), '2026-12-02');
    expect(empty.ok ? null : empty.errors).toEqual({ total: { code: 'required' }, count: { code: 'required' }, firstDue: { code: 'required' } });
    const none = readPlan({ ...blankPlan(), total: '100', count: '0', firstDue: '20/12/2026' }, '2026-12-02');
    expect(none.ok ? null : none.errors).toEqual({ count: { code: 'zero' } });
  });
});
