// The console's backend over HTTP: same-origin requests that carry the
// session cookie the server set at sign-in (HttpOnly: this code never sees
// it) and the protocol header every /v1 call needs.
import type { ConsoleBackend } from './backend';
import type { ErrorBody } from '../lib/types';
import { PROTOCOL_HEADER, PROTOCOL_VERSION } from '../lib/bindings';

/** A refused request: the status and the server's error body, for the screens to word. */
export class ServerError extends Error {
  constructor(readonly status: number, readonly body: ErrorBody | null) {
    super(body?.message ?? `HTTP ${status}`);
  }
}

/** The server could not be reached. */
export class Unreachable extends Error {}

async function send(method: string, path: string, body?: unknown): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(`/v1${path}`, {
      method,
      credentials: 'same-origin',
      headers: { [PROTOCOL_HEADER]: String(PROTOCOL_VERSION), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    throw new Unreachable(String(e));
  }
  if (!response.ok) {
    const text = await response.text();
    // A proxy's error page is not ours: the status alone says what happened.
    let body: ErrorBody | null = null;
    try { body = text === '' ? null : JSON.parse(text); } catch { /* not JSON */ }
    throw new ServerError(response.status, body);
  }
  return response;
}

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const text = await (await send(method, path, body)).text();
  return (text === '' ? null : JSON.parse(text)) as T;
}

/**
 * Posts `body` with the upload's progress (0 to 1) told as it goes: fetch
 * cannot say how much of a large file has left the browser.
 */
function upload<T>(path: string, body: Blob, onProgress: (sent: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/v1${path}`);
    xhr.withCredentials = true;
    xhr.setRequestHeader(PROTOCOL_HEADER, String(PROTOCOL_VERSION));
    xhr.setRequestHeader('content-type', 'text/csv');
    xhr.upload.onprogress = (e) => { if (e.lengthComputable) onProgress(e.loaded / e.total); };
    xhr.onerror = () => reject(new Unreachable('upload failed'));
    xhr.onload = () => {
      let parsed: unknown = null;
      try { parsed = xhr.responseText === '' ? null : JSON.parse(xhr.responseText); } catch { /* not JSON */ }
      if (xhr.status >= 200 && xhr.status < 300) resolve(parsed as T);
      else reject(new ServerError(xhr.status, parsed as ErrorBody | null));
    };
    xhr.send(body);
  });
}

/** `query`'s fields that are set, as a URL query. */
function search(query: object): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  return params;
}

/** Hands `blob` to the browser as a download named `name`. */
export function saveFile(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  Object.assign(document.createElement('a'), { href: url, download: name }).click();
  URL.revokeObjectURL(url);
}

export const httpConsole: ConsoleBackend = {
  async session() {
    try {
      return await call('GET', '/console/session');
    } catch (e) {
      if (e instanceof ServerError && e.status === 401) return null;
      throw e;
    }
  },
  signIn: (login, password) => call('POST', '/console/session', { login, password }),
  signOut: () => call('DELETE', '/console/session'),
  log: (query) => call('GET', `/activities?${search(query)}`),
  exportLog: async (query) => (await send('GET', `/exports/activities?${search(query)}`)).blob(),
  gestores: () => call('GET', '/gestores'),
  territories: () => call('GET', '/territories'),
  activity: (id) => call('GET', `/activities/${id}`),
  photo: async (blob) => (await send('GET', `/photos/${blob}`)).arrayBuffer(),
  review: (request) => call('POST', '/reviews', request),
  plansWaiting: () => call('GET', '/plans/waiting'),
  decidePlan: (id, decision) => call('POST', `/plans/${id}/decision`, decision),
  kpis: (query) => call('GET', `/kpis?${search(query)}`),
  exportKpis: async (query) => (await send('GET', `/exports/kpis?${search(query)}`)).blob(),
  workload: (territory) => call('GET', `/workload?${search({ territory })}`),
  exportWorkload: async (territory) => (await send('GET', `/exports/workload?${search({ territory })}`)).blob(),
  reassignmentAccounts: (selection) => call('POST', '/reassignments/accounts', selection),
  previewReassignment: (request) => call('POST', '/reassignments/preview', request),
  reassign: (request) => call('POST', '/reassignments', request),
  reassignments: () => call('GET', '/reassignments'),
  undoReassignment: (id) => call('POST', `/reassignments/${id}/undo`),
  policies: () => call('GET', '/policies'),
  previewPolicy: (policy) => call('POST', `/policies/${policy.country}/preview`, policy),
  setPolicy: (policy) => call('PUT', `/policies/${policy.country}`, policy),
  escalations: () => call('GET', '/escalations'),
  audit: (query) => call('GET', `/audit?${search(query)}`),
  exportAudit: async (filters) => (await send('GET', `/exports/audit?${search(filters)}`)).blob(),
  users: () => call('GET', '/users'),
  teams: () => call('GET', '/teams'),
  createUser: (user) => call('POST', '/users', user),
  createTerritory: (territory) => call('POST', '/territories', territory),
  createTeam: (team) => call('POST', '/teams', team),
  resetPassword: (user, password) => call('POST', `/users/${user}/password`, { password }),
  deactivateUser: (user) => call('POST', `/users/${user}/deactivate`),
  setCoordinatedTerritories: (user, territories) => call('PUT', `/users/${user}/territories`, territories),
  revokeDevice: (device) => call('POST', `/devices/${device}/revoke`),
  day: (gestor, day) => call('GET', `/days?${search({ gestor, day })}`),
  importFile: (kind, file, dryRun, onProgress) => upload(`/imports/${kind}?${search({ dry_run: dryRun })}`, file, onProgress),
  conflicts: (open) => call('GET', `/conflicts?${search({ open })}`),
  conflict: (id) => call('GET', `/conflicts/${id}`),
  settleConflict: (id, settlement) => call('POST', `/conflicts/${id}/settle`, settlement),
};
