// Links that hand a message or a call to the phone's own apps, and the
// placeholders a message template holds.
import type { Currency, MessageChannel } from './types';

/** What a message template may hold, as its text writes it (campo_core::message::Placeholders). */
export const PLACEHOLDERS = ['nombre', 'gestor', 'agencia', 'acreedor', 'contrato', 'telefono', 'monto', 'fecha'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** The country calling code of an account: its currency's country. */
export function callingCode(currency: Currency): string {
  return currency === 'PEN' ? '51' : '52';
}

/**
 * The link that opens the phone's SMS app, WhatsApp or mail app with `text`
 * to `to`; an email also carries its `subject`.
 */
export function messageLink(
  channel: MessageChannel, to: string, text: string, currency: Currency, subject = '',
): string {
  const body = encodeURIComponent(text);
  switch (channel) {
    case 'sms': return `sms:${to}?body=${body}`;
    case 'whatsapp': return `https://wa.me/${callingCode(currency)}${to}?text=${body}`;
    case 'email': return `mailto:${to}?subject=${encodeURIComponent(subject)}&body=${body}`;
  }
}

/** Where a message on `channel` may go on `debtor`: its numbers, or its addresses for email. */
export function recipients(channel: MessageChannel, debtor: { phones: string[]; emails: string[] }): string[] {
  return channel === 'email' ? debtor.emails : debtor.phones;
}

/** The link that dials `number`. */
export function callLink(number: string): string {
  return `tel:${number}`;
}
