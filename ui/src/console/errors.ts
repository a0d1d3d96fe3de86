// A failed console request, in the user's language: by the server's error
// code and data, not its Spanish message, which is the last resort.
import { errorMessage, t } from '../lib/i18n';
import type { DeviceError, Lang, OfficeRefusal } from '../lib/types';
import { ServerError, Unreachable } from './http';

/** `signingIn`: a 401 means a wrong password, not a session that ended. */
export function consoleError(lang: Lang, error: unknown, signingIn = false): string {
  if (error instanceof Unreachable) return t(lang, 'console.unreachable');
  if (!(error instanceof ServerError)) return errorMessage(lang, error);
  const body = error.body;
  switch (body?.error) {
    case 'unauthorized':
      return t(lang, signingIn ? 'server.unauthorized' : 'console.sessionEnded');
    case 'too_many_attempts':
      return t(lang, 'server.too_many_attempts');
    case 'stale_version':
      return t(lang, 'console.stale');
    case 'office_only':
      return t(lang, 'console.gestorRefused');
    case 'forbidden':
      return t(lang, 'console.forbidden');
    case 'not_found':
      return t(lang, 'console.notFound');
    case 'invalid_value':
      if (body.invalid) return errorMessage(lang, { kind: 'invalid', ...body.invalid } as DeviceError);
      break;
    case 'refused':
    case 'changed':
      if (body.refusal) return refusal(lang, body.refusal);
  }
  return t(lang, 'error.unknown', { message: body?.message ?? `HTTP ${error.status}` });
}

/** Why the server refused, with its data. */
export function refusal(lang: Lang, why: OfficeRefusal): string {
  switch (why.kind) {
    case 'gestor_inactive':
      return t(lang, 'refusal.gestor_inactive', { name: why.name });
    case 'other_country':
      return t(lang, 'refusal.other_country', { account: why.account, team: why.team });
    case 'changed_since':
      return t(lang, 'refusal.changed_since', { n: why.changed, total: why.total });
    default:
      return t(lang, `refusal.${why.kind}`);
  }
}
