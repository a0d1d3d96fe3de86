import { describe, expect, it } from 'vitest';
import { dayFirst, parseAmount, parseDate, parseMinutes, parsePosition } from './parse';

const value = (text: string) => {
  const parsed = parseAmount(text);
  return parsed.ok ? parsed.value : parsed.problem;
};

describe('parseAmount', () => {
  it('reads amounts the way the app shows them, and plain ones', () => {
    expect(value('1,500')).toBe('1500.00');
    expect(value('1,500.50')).toBe('1500.50');
    expect(value('$1,500.50')).toBe('1500.50');
    expect(value('S/ 2,300')).toBe('2300.00');
    expect(value('S/. 250')).toBe('250.00');
    expect(value('1 500')).toBe('1500.00');
    expect(value('1,250,000')).toBe('1250000.00');
    expect(value('1500.5')).toBe('1500.50');
    expect(value('750')).toBe('750.00');
    expect(value('.50')).toBe('0.50');
  });

  it('reads a decimal comma before one or two digits, and a European amount with both marks', () => {
    expect(value('1500,50')).toBe('1500.50');
    expect(value('1500,5')).toBe('1500.50');
    expect(value('0,500')).toBe('0.50');
    expect(value('1.500,50')).toBe('1500.50');
    expect(value('1.250.000')).toBe('1250000.00');
  });

  it('asks when a lone point could group thousands or mark decimals', () => {
    expect(value('1.500')).toEqual({ code: 'ambiguous_amount', choices: ['1500.00', '1.50'] });
    expect(value('2.125')).toEqual({ code: 'ambiguous_amount', choices: ['2125.00'] });
    expect(value('01.500')).toEqual({ code: 'ambiguous_amount', choices: ['1500.00', '1.50'] });
  });

  it('refuses what is not an amount, saying why', () => {
    expect(value('')).toEqual({ code: 'required' });
    expect(value('mil')).toEqual({ code: 'not_an_amount' });
    expect(value('12,34,567')).toEqual({ code: 'not_an_amount' });
    expect(value('1,500.50.2')).toEqual({ code: 'not_an_amount' });
    expect(value('1.500.50')).toEqual({ code: 'not_an_amount' });
    expect(value('-50')).toEqual({ code: 'negative' });
    expect(value('−50')).toEqual({ code: 'negative' });
    expect(value('10.505')).toEqual({ code: 'ambiguous_amount', choices: ['10505.00'] });
    expect(value('10.5051')).toEqual({ code: 'too_many_decimals' });
    expect(parseAmount('0', { positive: true })).toEqual({ ok: false, problem: { code: 'zero' } });
  });
});

describe('parseMinutes', () => {
  it('reads minutes with a point or comma, and m:ss', () => {
    expect(parseMinutes('4')).toEqual({ ok: true, value: 240 });
    expect(parseMinutes('2,5')).toEqual({ ok: true, value: 150 });
    expect(parseMinutes('2:30')).toEqual({ ok: true, value: 150 });
    expect(parseMinutes('')).toEqual({ ok: true, value: 0 });
  });

  it('refuses negatives and letters in minutes, never reporting seconds', () => {
    expect(parseMinutes('-3')).toEqual({ ok: false, problem: { code: 'negative' } });
    expect(parseMinutes('cuatro')).toEqual({ ok: false, problem: { code: 'not_a_number' } });
  });
});

describe('parsePosition', () => {
  it('takes both coordinates with their margin, or nothing', () => {
    expect(parsePosition('19.4326', '-99.1332', '15')).toEqual({
      ok: true, value: { point: { lat: 19.4326, lon: -99.1332 }, accuracy_m: 15 },
    });
    expect(parsePosition('19,4326', '−99,1332', '15')).toMatchObject({ ok: true, value: { point: { lat: 19.4326, lon: -99.1332 } } });
    expect(parsePosition(' ', '', '')).toEqual({ ok: true, value: null });
  });

  it('splits a pair pasted whole into the latitude', () => {
    for (const pasted of ['19.4326, -99.1332', '19.4326 -99.1332', '19.4326,-99.1332', '19.4326; -99.1332']) {
      expect(parsePosition(pasted, '', '30')).toMatchObject({ ok: true, value: { point: { lat: 19.4326, lon: -99.1332 } } });
    }
  });

  it('does not split two bare numbers, which are no map point', () => {
    expect(parsePosition('19 26', '', '10')).toEqual({ ok: false, field: 'lon', problem: { code: 'half_position' } });
  });

  it('refuses half a position, letters, and a point with no margin, naming the field', () => {
    expect(parsePosition('19.43', '', '10')).toEqual({ ok: false, field: 'lon', problem: { code: 'half_position' } });
    expect(parsePosition('', '-99.13', '10')).toEqual({ ok: false, field: 'lat', problem: { code: 'half_position' } });
    expect(parsePosition('19.43', 'oeste', '10')).toEqual({ ok: false, field: 'lon', problem: { code: 'not_a_number' } });
    expect(parsePosition('19.43', '-99.13', '')).toEqual({ ok: false, field: 'accuracy', problem: { code: 'accuracy_required' } });
    expect(parsePosition('19.43', '-99.13', '-5')).toEqual({ ok: false, field: 'accuracy', problem: { code: 'negative' } });
  });
});

describe('parseDate', () => {
  const today = '2026-12-01';
  it('reads day first, whatever the machine’s locale', () => {
    expect(parseDate('1/12/2026', today)).toEqual({ ok: true, value: '2026-12-01' });
    expect(parseDate('01-12-26', today)).toEqual({ ok: true, value: '2026-12-01' });
    expect(parseDate('12/1/2027', today)).toEqual({ ok: true, value: '2027-01-12' });
    expect(parseDate('5.1', today)).toEqual({ ok: true, value: '2027-01-05' });
    expect(parseDate('15/12', today)).toEqual({ ok: true, value: '2026-12-15' });
    expect(parseDate('2026-12-08', today)).toEqual({ ok: true, value: '2026-12-08' });
  });

  it('refuses days that do not exist and text that is not a date', () => {
    expect(parseDate('31/11/2026', today)).toEqual({ ok: false, problem: { code: 'no_such_day' } });
    expect(parseDate('29/2/2027', today)).toEqual({ ok: false, problem: { code: 'no_such_day' } });
    expect(parseDate('1/13/2026', today)).toEqual({ ok: false, problem: { code: 'no_such_day' } });
    expect(parseDate('mañana', today)).toEqual({ ok: false, problem: { code: 'not_a_date' } });
    expect(parseDate('1/12/0026', today)).toEqual({ ok: false, problem: { code: 'year_out_of_range' } });
    expect(parseDate('', today)).toEqual({ ok: false, problem: { code: 'required' } });
  });

  it('shows an ISO date for editing day first', () => {
    expect(dayFirst('2026-12-01')).toBe('01/12/2026');
  });
});
