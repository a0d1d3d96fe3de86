import { describe, expect, it } from 'vitest';
import type { ContactPolicy } from '../lib/types';
import { errorMessage, templateLabel } from '../lib/i18n';
import { policyForm, readPolicy, unchanged } from './policy';
import { codeFor, faultOf, fill, insertAt, newTemplate, sampleValues } from './templates';

const base = {
  country: 'MX', version: 3, from: '07:00:00', until: '22:00:00', weekends: true, holidays: false,
  caps: { attempts_per_day: 2, attempts_per_week: 7, visits_per_week: 3 }, may_discuss_debt: ['debtor'], justify_hours: true,
  agency: 'Cobranza Justa', agency_phone: '5550001111', grace_days: 3, default_discount_percent: '10', discount_limits: [],
  segment_points: [], reminder_days_before: 2, reminder_channel: 'sms', escalate_after: 3, far_from_address_m: 300,
  many_contacts_per_week: 4,
  templates: [{ code: 'recordatorio_promesa', name: 'Recordatorio', purpose: 'reminder', collects: true, text: 'Hola {nombre}: {monto} el {fecha}.' }],
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
    const form = { ...policyForm(base), from: '25:00', perWeek: 'siete', graceDays: '', discount: '10.555', perDay: '2,5' };
    expect(readPolicy(form, base)).toEqual({
      ok: false, problems: { from: 'time', perDay: 'whole', perWeek: 'whole', graceDays: 'required', discount: 'percent' },
    });
  });

  it('reads the templates as typed, collecting when they name an amount or a date', () => {
    const added = { ...newTemplate(), code: ' aviso_convenio ', name: ' Convenio ', text: `${newTemplate().text} Su pago de {monto}.  ` };
    const form = { ...policyForm(base), templates: [...policyForm(base).templates, added, { ...newTemplate(), code: 'otro', name: 'Otro' }] };
    const reading = readPolicy(form, base);
    if (!reading.ok) throw new Error('reads');
    expect(reading.policy.templates.map((t) => [t.code, t.name, t.collects, t.purpose])).toEqual([
      ['recordatorio_promesa', 'Recordatorio', true, 'reminder'], ['aviso_convenio', 'Convenio', true, 'reminder'],
      ['otro', 'Otro', false, 'follow_up'],
    ]);
    expect(reading.policy.templates[1].text.endsWith('Su pago de {monto}.')).toBe(true);
  });

  it('fills a template with sample values in the country\'s money and leaves what Campo does not fill', () => {
    const values = sampleValues({ country: 'PE', agency: 'Cobranza Justa', agency_phone: '' }, new Date('2026-12-04T12:00:00Z'));
    expect(fill('{agencia}: {monto} el {fecha}, {saldo}', values)).toBe('Cobranza Justa: S/ 1,500.00 el 11 de diciembre de 2026, {saldo}');
    expect(insertAt('Hola , gracias', 5, 'nombre')).toBe('Hola {nombre}, gracias');
  });

  it('names a template as the admin did, in English only while a default keeps its own name', () => {
    expect(templateLabel('en', { code: 'seguimiento_visita', name: 'Seguimiento de la visita' })).toBe('Visit follow-up');
    expect(templateLabel('en', { code: 'seguimiento_visita', name: 'Después de la visita' })).toBe('Después de la visita');
    expect(templateLabel('es-MX', { code: 'aviso_convenio', name: ' ' })).toBe('aviso_convenio');
  });

  it('words what the server found wrong with a template, naming it', () => {
    const pressure = { kind: 'invalid', code: 'bad_template', template: 'aviso', problem: { problem: 'pressure', words: 'embargo' } } as const;
    expect(errorMessage('es-MX', pressure)).toBe('Plantilla «aviso»: «embargo» suena a autoridad o a amenaza: la cobranza no amenaza ni se presenta como juzgado o policía. Escríbelo de otro modo.');
    const due = { kind: 'invalid', code: 'bad_template', template: 'aviso', problem: { problem: 'missing', placeholder: '{fecha}' } } as const;
    expect(errorMessage('en', due)).toBe('Template "aviso": it lacks {fecha}: a payment reminder says how much and by when.');
    const kept = { kind: 'invalid', code: 'bad_template', template: 'recordatorio_promesa', problem: { problem: 'reminder' } } as const;
    expect(errorMessage('es-MX', kept)).toContain('debe quedarse en la lista y nombrar {monto} y {fecha}');
  });

  it('saves nothing that is not a change, and lays a repeated code at the later template', () => {
    const reading = readPolicy(policyForm(base), base);
    if (!reading.ok) throw new Error('reads');
    expect(unchanged(reading.policy, base)).toBe(true);
    const edited = readPolicy({ ...policyForm(base), graceDays: '4' }, base);
    expect(edited.ok && unchanged(edited.policy, base)).toBe(false);
    const forms = [...policyForm(base).templates, { ...newTemplate(), code: 'recordatorio_promesa' }];
    expect(faultOf(forms, 'recordatorio_promesa', { problem: 'repeated' })?.key).toBe(forms[1].key);
    expect(faultOf(forms, 'recordatorio_promesa', { problem: 'no_name' })?.key).toBe(forms[0].key);
    expect(faultOf(forms, 'otro', { problem: 'no_name' })).toBeNull();
    expect(codeFor('Aviso de Convenio, 2ª vez')).toBe('aviso_de_convenio_2_vez');
  });
});
