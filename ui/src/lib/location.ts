// Where the gestor stands, for a visit's evidence: from the platform's
// location service on a phone (the Tauri geolocation plugin, granted in
// src-tauri/capabilities/mobile.json), from the WebView's geolocation on a
// desktop or in a browser. Either way the fix carries its accuracy and the
// time it was taken, so the record says how good and how old it is.
import { invoke } from '@tauri-apps/api/core';

/** One position from the device. */
export interface Fix {
  lat: number;
  lon: number;
  /** Metres, as the service reports it. */
  accuracy: number;
  /** When the service took it (RFC 3339), not when the gestor tapped. */
  fixedAt: string;
}

/** Why no position came: the gestor refused it, or the service had none to give. */
export type LocateProblem = 'denied' | 'unavailable';

export class LocateError extends Error {
  constructor(readonly problem: LocateProblem) {
    super(`no position: ${problem}`);
  }
}

// A fresh fix within 15 s, or one the service took in the last minute.
const TIMEOUT_MS = 15_000;
const MAXIMUM_AGE_MS = 60_000;

function fix(coords: { latitude: number; longitude: number; accuracy: number }, timestamp: number): Fix {
  return {
    lat: coords.latitude, lon: coords.longitude, accuracy: Math.round(coords.accuracy),
    fixedAt: new Date(timestamp).toISOString(),
  };
}

/** A position from the WebView's (or browser's) geolocation. */
export function webLocate(geolocation: Geolocation | undefined = navigator.geolocation): Promise<Fix> {
  if (!geolocation) return Promise.reject(new LocateError('unavailable'));
  return new Promise((resolve, reject) => {
    geolocation.getCurrentPosition(
      (p) => resolve(fix(p.coords, p.timestamp)),
      (e) => reject(new LocateError(e.code === e.PERMISSION_DENIED ? 'denied' : 'unavailable')),
      { enableHighAccuracy: true, timeout: TIMEOUT_MS, maximumAge: MAXIMUM_AGE_MS },
    );
  });
}

type PermissionState = 'granted' | 'denied' | 'prompt' | 'prompt-with-rationale';
interface PermissionStatus { location: PermissionState }
interface PluginPosition { timestamp: number; coords: { latitude: number; longitude: number; accuracy: number } }

/** A position from the phone's location service, asking for permission the first time. */
export async function pluginLocate(): Promise<Fix> {
  let status = await invoke<PermissionStatus>('plugin:geolocation|check_permissions');
  if (status.location === 'prompt' || status.location === 'prompt-with-rationale') {
    status = await invoke<PermissionStatus>('plugin:geolocation|request_permissions', { permissions: ['location'] });
  }
  if (status.location !== 'granted') throw new LocateError('denied');
  const options = { enableHighAccuracy: true, timeout: TIMEOUT_MS, maximumAge: MAXIMUM_AGE_MS };
  const p = await invoke<PluginPosition>('plugin:geolocation|get_current_position', { options }).catch(() => {
    throw new LocateError('unavailable');
  });
  return fix(p.coords, p.timestamp);
}
