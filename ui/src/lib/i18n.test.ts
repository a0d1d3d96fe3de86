import { describe, expect, it } from 'vitest';
import {
  breachMessage, errorMessage, explainPriority, formatDate, formatDistance, formatMoney, identificationScript, noticeMessage, problemMessage, rejectionMessage, t,
} from './i18n';
import type { Factor, Rejection } from './types';

describe('errorMessage', () => {
  it('names a contact policy field in English too', () => {
    const zero = { kind: 'invalid', code: 'zero_cap', field: 'intentos por día' };
    expect(errorMessage('en', zero)).toBe('attempts per day: must allow at least one attempt.');
    expect(errorMessage('es-MX', zero)).toContain('intentos por día');
  });

  it('says what a domain error means, in the chosen language', () => {
    const error = { kind: 'invalid', code: 'too_many_decimals', field: 'monto' };
    expect(errorMessage('es-MX', error)).toBe('monto: usa como máximo 2 decimales.');
    expect(errorMessage('en', error)).toBe('amount: use at most 2 decimals.');
  });

  it('tells the gestor offline that nothing is lost', () => {
    expect(errorMessage('es-PE', { kind: 'offline', message: 'connection refused' })).toContain('Tu trabajo queda guardado');
  });

  it('never shows a raw error without a sentence around it', () => {
    expect(errorMessage('es-MX', 'boom')).toBe('Algo salió mal: boom');
  });

  it('words a refused sign-in by its code, not as the server talking', () => {
    const wrong = { kind: 'server', code: 'unauthorized', message: 'usuario o contraseña incorrectos' } as const;
    expect(errorMessage('es-MX', wrong)).toBe('Usuario o contraseña incorrectos. Revísalos e inténtalo de nuevo.');
    const waiting = { kind: 'server', code: 'too_many_attempts', message: 'demasiados intentos fallidos: espera 2 minutos' } as const;
    expect(errorMessage('en', waiting)).toBe('Too many failed attempts. Wait a few minutes and try again.');
  });
});

describe('formatMoney', () => {
  it('formats pesos and soles without going through a float', () => {
    expect(formatMoney('1234567.5', 'MXN')).toBe('$1,234,567.50');
    expect(formatMoney('0.1', 'PEN')).toBe('S/ 0.10');
    expect(formatMoney('90071992547409931.99', 'MXN')).toBe('$90,071,992,547,409,931.99');
  });
});

describe('formatDistance', () => {
  it('says metres up to a kilometre and kilometres beyond', () => {
    expect(formatDistance('es-MX', 42.4)).toBe('42 m');
    expect(formatDistance('es-MX', 9275)).toBe('9.3 km');
    expect(formatDistance('en', 12_600)).toBe('13 km');
  });
});

describe('t', () => {
  it('uses Peruvian wording where it differs', () => {
    expect(t('es-PE', 'debtor.dpd')).toBe('Días de mora');
    expect(t('es-MX', 'debtor.dpd')).toBe('Días de atraso');
  });
});

describe('dates', () => {
  it('shows dates day first in every language, whatever the machine locale', () => {
    expect(formatDate('es-MX', '2026-12-01')).toBe('1 dic 2026');
    expect(formatDate('es-PE', '2026-12-01', 'long')).toBe('martes, 1 de diciembre de 2026');
    expect(formatDate('en', '2026-12-01')).toBe('1 Dec 2026');
  });
});

describe('problemMessage', () => {
  it('names the field and says what to do, in the language of the app', () => {
    expect(problemMessage('es-MX', 'lon', { code: 'half_position' })).toBe(
      'Longitud: falta. Escribe la latitud y la longitud, o deja las dos vacías.',
    );
    expect(problemMessage('en', 'outcome', { code: 'required' })).toBe('Outcome: choose one from the list.');
    expect(problemMessage('es-MX', 'dueOn', { code: 'not_a_date' })).toBe(
      'Fecha de pago: escribe la fecha como día/mes/año, por ejemplo 15/12/2026.',
    );
    // The console's log period too: every date field has its example.
    expect(problemMessage('en', 'logTo', { code: 'not_a_date' })).toBe('To: type the date as day/month/year, for example 31/12/2026.');
  });
});

describe('noticeMessage', () => {
  const base = {
    id: 1, at: '2026-12-01T15:00:00Z', debtor_id: 'd', debtor_name: 'Adriana Ramírez', record_id: 'r', record_kind: 'visit',
    waiting: 0, reason: null, detail: 'en español',
  } as const;

  it('names the debtor and the record, never an id, in the app’s language', () => {
    expect(noticeMessage('es-MX', { ...base, kind: 'after_reassignment' })).toBe(
      'Tu visita sobre Adriana Ramírez se guardó, aunque la cuenta ya está asignada a otro gestor.',
    );
    expect(noticeMessage('en', { ...base, kind: 'revoked', record_kind: null, waiting: 2 })).toBe(
      "Adriana Ramírez's account was reassigned to another collector; your 2 pending records on it will still be sent.",
    );
    expect(noticeMessage('es-PE', { ...base, kind: 'revoked', debtor_name: null })).toBe(
      'Una cuenta que tenías se reasignó a otro gestor y ya no está en este dispositivo.',
    );
  });

  it('words a refusal by its domain error when the server sent one', () => {
    const reason = {
      code: 'invalid_record', message: 'código de resultado desconocido: x', error: { code: 'unknown_outcome', value: 'x' }, justifiable: false,
    } as const;
    expect(noticeMessage('en', { ...base, kind: 'rejected', reason })).toBe(
      'The server did not accept your visit on Adriana Ramírez: Choose an outcome from the list.',
    );
    expect(noticeMessage('es-MX', { ...base, kind: 'rejected', reason: { code: 'not_found', message: '', error: null, justifiable: false } })).toBe(
      'El servidor no aceptó tu visita sobre Adriana Ramírez: la cuenta ya no está en tu cartera',
    );
  });
});

describe('counts', () => {
  it('says one record in the singular', () => {
    expect(t('es-MX', 'settings.discard', { n: 1 })).toBe('Sí, perder 1 registro');
    expect(t('es-MX', 'settings.discard', { n: 3 })).toBe('Sí, perder 3 registros');
    expect(t('en', 'settings.confirmDiscard', { n: 1 })).toBe('1 unsent record will be lost. Sign out anyway?');
  });
});

describe('refusals', () => {
  it('words a write the rules refuse, in the app’s language', () => {
    expect(errorMessage('es-MX', { kind: 'refused', refusal: 'may_not_create', record_kind: 'payment' })).toBe(
      'Desde la app no se puede registrar: pago. Eso lo carga la financiera o tu supervisor.',
    );
    expect(errorMessage('en', { kind: 'refused', refusal: 'lender_field', field: 'balance' })).toBe(
      'The account\'s "balance" is kept by the lender; the app cannot change it.',
    );
    expect(errorMessage('es-MX', { kind: 'refused', refusal: 'lender_field', field: 'minimum_payment' })).toBe(
      'El dato «pago mínimo» de la cuenta lo actualiza la financiera; no se puede cambiar desde la app.',
    );
  });
});

describe('the sync result', () => {
  it('says what happened without sync jargon', () => {
    const said = [t('es-MX', 'sync.result', { sent: 3, pulled: 5 }), t('es-MX', 'sync.merged', { n: 2 })].join(' ');
    expect(said).toBe(
      'Enviados 3; recibidos 5. 2 se unieron con cambios hechos en la oficina o en otro dispositivo.',
    );
    expect(said).not.toMatch(/combinad/);
  });
});

describe('breachMessage', () => {
  it('says which contact rule a visit would break, in the debtor’s time', () => {
    expect(breachMessage('es-PE', { breach: 'outside_hours', local: '20:30', from: '07:00', until: '20:00' })).toBe(
      'Son las 20:30 para el deudor: solo se permite contactar de 07:00 a 20:00, hora del deudor.',
    );
    expect(breachMessage('en', { breach: 'holiday', name: 'Viernes Santo' })).toBe(
      'It is a public holiday for the debtor (Viernes Santo), and the policy allows no contact.',
    );
  });
});

describe('a contact the rules refuse', () => {
  it('names every rule broken, and says a reason may cover them only where it may', () => {
    const late = { breach: 'outside_hours', local: '22:30', from: '07:00', until: '22:00' } as const;
    const refused = { kind: 'refused', refusal: 'contact', breaches: [late, { breach: 'too_often_today', cap: 2 }], justifiable: true } as const;
    expect(errorMessage('es-MX', refused)).toBe(
      'Son las 22:30 para el deudor: solo se permite contactar de 07:00 a 22:00, hora del deudor. '
      + 'Ya se intentó contactar a este deudor 2 veces hoy, el máximo que permite la política. '
      + 'Si hay un motivo (por ejemplo, el deudor lo pidió), escríbelo en «Justificación»: se guardará señalado para tu supervisor.',
    );
    expect(errorMessage('en', { ...refused, breaches: [{ breach: 'deceased' }], justifiable: false })).toBe(
      'The debtor has died: nobody is contacted about this account.',
    );
    const rejection: Rejection = { code: 'contact_rule', message: 'x', error: null, breaches: [{ breach: 'weekend' }], justifiable: false };
    expect(rejectionMessage('es-PE', rejection)).toBe(
      'Para el deudor es fin de semana, y la política no permite contactar en sábado ni domingo.',
    );
  });
});

describe('identificationScript', () => {
  const who = {
    gestor: 'Ana Ruiz', agency: 'Cobranza Justa, S.C.', agencyPhone: '55 5000 1234', lender: 'Banco del Centro',
    contract: 'MX-000123', product: 'credit_card', debtor: 'María López',
  } as const;

  it('names the collector, the agency, the lender and the contract to whoever may hear of the debt', () => {
    expect(identificationScript('es-MX', who, true)).toBe(
      '«Buenos días, soy Ana Ruiz, de Cobranza Justa, S.C. (teléfono 55 5000 1234). '
      + 'Le busco en nombre de Banco del Centro, por su tarjeta de crédito con contrato MX-000123.»',
    );
    expect(identificationScript('en', { ...who, agency: '', lender: null }, true)).toBe(
      '"Good morning, I am Ana Ruiz. I am calling on behalf of the lender about your credit card, contract MX-000123."',
    );
  });

  it('tells anyone else nothing of a debt, nor of a collection agency', () => {
    const said = identificationScript('es-MX', who, false);
    expect(said).toBe('«Buenos días, soy Ana Ruiz. Busco a María López por un asunto personal. ¿Podría pedirle que se comunique al 55 5000 1234?»');
    expect(said).not.toMatch(/Cobranza|Banco|contrato|deuda/);
  });
});

describe('explainPriority', () => {
  const row = {
    debtor_id: 'd', name: 'Ana', external_ref: 'MX-1', segment: 'alto saldo', territory_id: 't', currency: 'MXN',
    balance: '50000.00', overdue: '12345.60', days_past_due: 45, dispute: false, deceased: false, do_not_visit: false,
    promise_due_on: null, next_action_on: null, address: null, pending: 0,
  } as const;

  it('says in one line why an account is where it is, largest reason first', () => {
    const priority = { score: 471, factors: [{ factor: 'promise_broken', days_ago: 2 }, { factor: 'overdue' }, { factor: 'days_past_due', days: 45 }, { factor: 'no_contact', days: 9 }] } as const;
    expect(explainPriority('es-MX', { ...row, priority: { ...priority, factors: [...priority.factors] } }))
      .toBe('Promesa incumplida hace 2 días · $12,345.60 vencidos · 45 días de atraso');
    expect(explainPriority('en', { ...row, priority: { ...priority, factors: [...priority.factors] } }, 1)).toBe('Promise broken 2 days ago');
  });

  it('says today and yesterday rather than zero and one days', () => {
    const one = (factor: Factor) => explainPriority('es-PE', { ...row, priority: { score: 1, factors: [factor] } });
    expect(one({ factor: 'promise_broken', days_ago: 0 })).toBe('Promesa incumplida hoy');
    expect(one({ factor: 'promise_broken', days_ago: 1 })).toBe('Promesa incumplida ayer');
    expect(one({ factor: 'follow_up_due', days_late: 0 })).toBe('Seguimiento para hoy');
    expect(one({ factor: 'no_contact', days: null })).toBe('Nunca contactado');
    expect(one({ factor: 'dispute' })).toBe('En aclaración: sin gestión de cobro');
  });
});
