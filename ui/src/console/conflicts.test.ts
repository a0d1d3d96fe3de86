import { describe, expect, it } from 'vitest';
import type { ConflictDetail } from '../lib/types';
import { fieldValue, sideBySide } from './conflicts';

const detail = (lost: Record<string, unknown>, body: Record<string, unknown>): ConflictDetail => ({
  conflict: {
    id: 'c', record_id: 'r', kind: 'promise', debtor_id: 'd', debtor_name: 'Ana', gestor_name: 'Luis',
    merged_vv: {}, lost, lost_delete: false, at: '2026-12-01T10:00:00Z', settled: null,
  },
  current: { id: 'r', debtor_id: 'd', kind: 'promise', vv: {}, deleted: false, body },
  takeable: Object.keys(lost),
});

describe('a conflict side by side', () => {
  it('sets each lost field against its value now, in words', () => {
    const rows = sideBySide('es-MX', detail(
      { notes: 'pagará el viernes', outcome: 'right_party_contact', due_on: '2026-12-04', amount: '1500.00' },
      { notes: 'nadie en casa', outcome: 'no_answer', due_on: '2026-12-11', amount: '12500.5', currency: 'MXN' },
    ));
    expect(rows.map((r) => [r.label, r.now, r.lost])).toEqual([
      ['Notas', 'nadie en casa', 'pagará el viernes'],
      ['Resultado', 'Nadie atendió', 'Hablé con el titular'],
      ['Vence', '11 dic 2026', '4 dic 2026'],
      ['Monto', '$12,500.50', '$1,500.00'],
    ]);
  });

  it('says what is missing, empty or unknown plainly', () => {
    expect(fieldValue('en', 'notes', undefined)).toBe('—');
    expect(fieldValue('en', 'notes', '')).toBe('—');
    expect(fieldValue('en', 'dispute', true)).toBe('Yes');
    expect(fieldValue('es-PE', 'phones', ['5511112222', '5533334444'])).toBe('5511112222, 5533334444');
    expect(sideBySide('en', detail({ mystery: 3 }, {}))[0]).toEqual({ field: 'mystery', label: 'mystery', now: '—', lost: '3' });
  });
  it('words who was reached and where, not as JSON', () => {
    const contact = { party: 'guarantor', identified: true, justification: 'me pidió que volviera a las 8', policy_version: 3 };
    expect(fieldValue('es-MX', 'contact', contact)).toBe('Aval · Se identificó: Sí · «me pidió que volviera a las 8»');
    expect(fieldValue('en', 'contact', { party: null, identified: false, justification: null, policy_version: null })).toBe('Nobody · Identified themselves: No');
    const typed = { point: { lat: 19.4326077, lon: -99.133208 }, accuracy_m: 25, source: 'typed' };
    expect(fieldValue('en', 'position', typed)).toMatch(/^19\.43261, -99\.13321 · ±25 m \(Position typed by hand\)$/);
  });
});
