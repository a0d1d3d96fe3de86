// The plan form's reading of what the gestor typed, field by field, into
// the request the device works a plan out from (campo_core::plan does the
// arithmetic: nothing about instalments is computed here).
import type { FieldErrors } from './forms';
import { parseAmount, parseDate } from './parse';
import type { Frequency, PlanRequest } from './types';

export interface PlanInput {
  total: string;
  discount: string;
  count: string;
  frequency: Frequency;
  firstDue: string;
}

export type PlanReading = { ok: true; request: PlanRequest } | { ok: false; errors: FieldErrors };

/** A blank plan: one payment a month, nothing forgiven. */
export function blankPlan(): PlanInput {
  return { total: '', discount: '0', count: '', frequency: 'monthly', firstDue: '' };
}

/** What the plan form says, read; `today` is the debtor's local date. */
export function readPlan(input: PlanInput, today: string): PlanReading {
  const errors: FieldErrors = {};
  const total = parseAmount(input.total, { positive: true });
  if (!total.ok) errors.total = total.problem;
  const discount = input.discount.trim() === '' ? ({ ok: true, value: '0.00' } as const) : parseAmount(input.discount);
  if (!discount.ok) errors.discount = discount.problem;
  const count = input.count.trim();
  if (count === '') errors.count = { code: 'required' };
  else if (!/^\d+$/.test(count)) errors.count = { code: 'not_a_whole_number' };
  else if (Number(count) === 0) errors.count = { code: 'zero' };
  const firstDue = parseDate(input.firstDue, today);
  if (!firstDue.ok) errors.firstDue = firstDue.problem;
  if (!total.ok || !discount.ok || !firstDue.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    request: {
      terms: { total: total.value, count: Number(count), frequency: input.frequency, first_due: firstDue.value },
      discount: discount.value,
      made_on: today,
    },
  };
}
