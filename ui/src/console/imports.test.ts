import { describe, expect, it } from 'vitest';
import { headerText, lineText } from './imports';

describe('an import refused', () => {
  it('names each line and column at fault in the user\'s words', () => {
    expect(lineText('es-MX', { line: 3, column: 'amount', problem: { code: 'not_a_number', value: '1,500' } }))
      .toBe('Línea 3, columna amount: «1,500» no es un número: escribe cifras con punto decimal, sin separador de miles (1500.50).');
    expect(lineText('en', { line: 7, column: null, problem: { code: 'repeated_in_file', reference: 'TC-1', first_line: 2 } }))
      .toBe('Line 7: the reference TC-1 is already on line 2.');
    expect(lineText('es-PE', { line: 4, column: 'channel', problem: { code: 'not_on_the_list', value: 'yape', allowed: ['store', 'transfer'] } }))
      .toContain('«yape» no es uno de: store, transfer');
  });

  it('says which header columns are missing or unknown', () => {
    expect(headerText('es-MX', { missing: ['channel'], unknown: ['canal'], lines: [] }))
      .toBe('Faltan las columnas: channel. No se reconocen: canal.');
    expect(headerText('en', { missing: [], unknown: [], lines: [] })).toBeNull();
  });
});
