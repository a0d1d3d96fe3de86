// The Tauri backend against Tauri's own IPC mock: checks that each screen's call
// reaches the command of that name with the argument names the Rust side reads.
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { afterEach, describe, expect, it } from 'vitest';
import { errorMessage } from './i18n';
import { tauriBackend } from './tauri';
import type { PromiseFields, VisitFields } from './types';
import backendSource from './tauri.ts?raw';
import locationSource from './location.ts?raw';
import capability from '../../../src-tauri/capabilities/default.json';
import mobileCapability from '../../../src-tauri/capabilities/mobile.json';
import { LocateError, webLocate } from './location';

const visit: VisitFields = {
  started_at: '2026-11-22T16:00:00Z', ended_at: '2026-11-22T16:10:00Z', zone: 'America/Mexico_City',
  position: null, distance_m: null, photos: [], outcome: 'no_answer', contact: { party: null, identified: false, justification: null, policy_version: null },
  notes: 'x', next_action_on: null,
};

afterEach(() => clearMocks());

describe('tauriBackend', () => {
  it('sends a form to save_activity with camelCase argument names', async () => {
    const calls: Array<[string, unknown]> = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return 'record-id';
    });
    const id = await tauriBackend.saveActivity('debtor-1', 'visit', visit);
    expect(id).toBe('record-id');
    expect(calls).toEqual([['save_activity', { debtorId: 'debtor-1', kind: 'visit', body: visit }]]);
  });

  it('hands the tagged error through untouched, for the screen to put in words', async () => {
    mockIPC(() => {
      throw { kind: 'invalid', code: 'promise_due_in_past', due_on: '2026-11-01', made_on: '2026-11-22' };
    });
    const promise: PromiseFields = {
      amount: '100.00', currency: 'MXN', made_on: '2026-11-22', due_on: '2026-11-01', installments: [],
      status: 'pending', source: null,
    };
    const error = await tauriBackend.saveActivity('d', 'promise', promise).catch((e: unknown) => e);
    expect(errorMessage('es-MX', error)).toBe('La fecha de pago (1 nov 2026) no puede ser anterior a hoy (22 nov 2026).');
  });

  it('sends a photo as raw bytes and reads one back raw', async () => {
    const seen: Array<[string, unknown]> = [];
    mockIPC((cmd, args) => {
      seen.push([cmd, args]);
      return cmd === 'attach_photo' ? { blob: 'ab', bytes: 3, image: 'jpeg' } : new ArrayBuffer(3);
    });
    const bytes = new Uint8Array([0xff, 0xd8, 0xff]);
    expect(await tauriBackend.attachPhoto(bytes)).toEqual({ blob: 'ab', bytes: 3, image: 'jpeg' });
    await tauriBackend.photo('ab');
    expect(seen).toEqual([['attach_photo', bytes], ['photo', { blob: 'ab' }]]);
  });

  it('asks for the agenda of the local date', async () => {
    let seen: unknown;
    mockIPC((cmd, args) => {
      seen = [cmd, args];
      return { counts: { promises_due: 0, promises_broken: 0, follow_ups: 0, done: 0, total: 0 }, filter: 'done', due: [], rest: [], done: [] };
    });
    await tauriBackend.agenda('2026-11-22', 'done');
    expect(seen).toEqual(['agenda', { today: '2026-11-22', filter: 'done' }]);
  });

  // Tauri refuses a command the window's capability does not grant, and the
  // screen hears only "not allowed": the form's contact warning once went
  // unheard that way.
  it('calls only commands the main window is granted', () => {
    const invoked = [...backendSource.matchAll(/invoke(?:<[^>]*>)?\('(\w+)'/g)].map((m) => m[1]);
    expect(invoked.length).toBeGreaterThan(10);
    const granted = new Set(capability.permissions);
    const missing = invoked.filter((command) => !granted.has(`allow-${command.replaceAll('_', '-')}`));
    expect(missing).toEqual([]);
  });

  it('grants a phone, and only a phone, the location plugin commands the form calls', () => {
    const invoked = [...locationSource.matchAll(/'plugin:geolocation\|(\w+)'/g)].map((m) => m[1]);
    expect(invoked).toEqual(['check_permissions', 'request_permissions', 'get_current_position']);
    const granted = new Set(mobileCapability.permissions);
    expect(invoked.filter((c) => !granted.has(`geolocation:allow-${c.replaceAll('_', '-')}`))).toEqual([]);
    expect(mobileCapability.platforms).toEqual(['android', 'iOS']);
  });
});

describe('locate', () => {
  const position = { timestamp: Date.parse('2026-12-02T17:00:00Z'), coords: { latitude: 19.4326, longitude: -99.1332, accuracy: 8.6 } };

  it('asks the phone for permission the first time, then for one position', async () => {
    const calls: string[] = [];
    mockIPC((cmd, args) => {
      calls.push(cmd);
      if (cmd === 'location_plugin') return true;
      if (cmd === 'plugin:geolocation|check_permissions') return { location: 'prompt', coarseLocation: 'prompt' };
      if (cmd === 'plugin:geolocation|request_permissions') {
        expect(args).toEqual({ permissions: ['location'] });
        return { location: 'granted', coarseLocation: 'granted' };
      }
      if (cmd === 'plugin:geolocation|get_current_position') return position;
      throw new Error(`unexpected ${cmd}`);
    });
    expect(await tauriBackend.locate()).toEqual({ lat: 19.4326, lon: -99.1332, accuracy: 9, fixedAt: '2026-12-02T17:00:00.000Z' });
    expect(calls).toEqual([
      'location_plugin', 'plugin:geolocation|check_permissions', 'plugin:geolocation|request_permissions',
      'plugin:geolocation|get_current_position',
    ]);
  });

  it('says the gestor refused, without asking the service, when permission is denied', async () => {
    mockIPC((cmd) => (cmd === 'location_plugin' ? true : { location: 'denied', coarseLocation: 'denied' }));
    const refused = await tauriBackend.locate().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(LocateError);
    expect((refused as LocateError).problem).toBe('denied');
  });

  it('uses the WebView on a desktop, and says so when it has no location service', async () => {
    mockIPC((cmd) => (cmd === 'location_plugin' ? false : new Error(`unexpected ${cmd}`)));
    const none = await tauriBackend.locate().catch((e: unknown) => e);
    expect((none as LocateError).problem).toBe('unavailable');
    const geolocation = {
      getCurrentPosition: (ok: PositionCallback) => ok({ ...position, coords: position.coords } as GeolocationPosition),
    } as unknown as Geolocation;
    expect(await webLocate(geolocation)).toMatchObject({ lat: 19.4326, accuracy: 9 });
  });
});
