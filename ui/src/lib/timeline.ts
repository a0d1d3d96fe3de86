// One line for a record on an account's timeline, as the gestor's debtor
// file and the supervisor's record detail both show it.
import { formatDate, formatDistance, formatMoney, outcomeLabel, t } from './i18n';
import type { Call, Lang, Message, Payment, PromiseToPay, RecordKind, Review, Visit } from './types';

/** What a record of `kind` with `body` says, in a line. */
export function summarize(lang: Lang, kind: RecordKind, body: unknown): string {
  // The body's shape follows the entry's kind.
  switch (kind) {
    case 'promise': {
      const p = body as PromiseToPay;
      if (p.plan) {
        const plan = t(lang, 'entry.plan', {
          n: p.installments.length, frequency: t(lang, `frequency.${p.plan.frequency}`).toLowerCase(), amount: formatMoney(p.amount, p.currency),
        });
        const discount = p.plan.discount !== '0.00' ? t(lang, 'entry.planDiscount', { amount: formatMoney(p.plan.discount, p.currency) }) : '';
        const state = p.status === 'cancelled' && p.plan.approval.state !== 'rejected' ? t(lang, 'promiseStatus.cancelled')
          : p.plan.approval.state === 'requested' || p.plan.approval.state === 'countered' || p.plan.approval.state === 'rejected'
            ? t(lang, `approval.${p.plan.approval.state}`)
            : `${t(lang, `approval.${p.plan.approval.state}`)} · ${t(lang, `promiseStatus.${p.status}`)}`;
        return [plan, discount, state].filter(Boolean).join(' — ');
      }
      return `${formatMoney(p.amount, p.currency)} → ${formatDate(lang, p.due_on)} — ${t(lang, `promiseStatus.${p.status}`)}`;
    }
    case 'payment': {
      const p = body as Payment;
      return formatMoney(p.amount, p.currency);
    }
    case 'review': {
      const r = body as Review;
      return [t(lang, `verdict.${r.verdict}`), r.comment].filter(Boolean).join(' — ');
    }
    case 'message': {
      const m = body as Message;
      const delivery = t(lang, `delivery.${m.delivery.state}`, m.delivery);
      return t(lang, 'entry.message', { channel: t(lang, `message.${m.channel}`), to: m.to, delivery });
    }
    default: {
      const c = body as Visit | Call;
      // Records from before the contact rules name nobody.
      const party = c.contact?.party ? t(lang, 'entry.reached', { party: t(lang, `role.${c.contact.party}`).toLowerCase() }) : '';
      const where = 'distance_m' in c && c.distance_m != null ? t(lang, 'entry.distance', { distance: formatDistance(lang, c.distance_m) }) : '';
      const typed = 'position' in c && c.position?.source === 'typed' ? t(lang, 'entry.typedPosition') : '';
      return [outcomeLabel(lang, c.outcome), party, where, typed, c.notes].filter(Boolean).join(' — ');
    }
  }
}
