import { describe, expect, it } from 'vitest';
import type { ErrorBody } from '../lib/types';
import { consoleError } from './errors';
import { ServerError } from './http';

const refused = (status: number, body: Partial<ErrorBody>) =>
  new ServerError(status, { message: 'mensaje del servidor', ...body } as ErrorBody);

describe('a refusal is worded from its reason, not the Spanish message', () => {
  it('names both currencies of a move across countries', () => {
    const e = refused(403, { error: 'refused', refusal: { kind: 'other_country', account: 'MXN', team: 'PEN' } });
    expect(consoleError('es-MX', e)).toContain('en MXN');
    expect(consoleError('en', e)).toBe("The accounts are in MXN and the gestor's team works in PEN: accounts do not move between countries. Choose a gestor in the same country.");
  });
  it('counts what changed since a reassignment, in the singular too', () => {
    const many = refused(409, { error: 'changed', refusal: { kind: 'changed_since', changed: 4, total: 10 } });
    const one = refused(409, { error: 'changed', refusal: { kind: 'changed_since', changed: 1, total: 10 } });
    expect(consoleError('es-MX', many)).toMatch(/^4 de las 10 cuentas cambiaron/);
    expect(consoleError('es-MX', one)).toMatch(/^1 de las 10 cuentas cambió/);
    expect(consoleError('en', one)).toMatch(/^1 of the 10 accounts changed/);
  });
  it('words a reason without data', () => {
    const e = refused(409, { error: 'changed', refusal: { kind: 'already_undone' } });
    expect(consoleError('en', e)).toBe('This reassignment was undone already.');
  });
});
