// Links that hand a message or a call to the phone's own apps.
import type { Currency, MessageChannel } from './types';

/** The country calling code of an account: its currency's country. */
export function callingCode(currency: Currency): string {
  return currency === 'PEN' ? '51' : '52';
}

/** The link that opens the phone's SMS app, or WhatsApp, with `text` to `to`. */
export function messageLink(channel: MessageChannel, to: string, text: string, currency: Currency): string {
  const body = encodeURIComponent(text);
  return channel === 'sms' ? `sms:${to}?body=${body}` : `https://wa.me/${callingCode(currency)}${to}?text=${body}`;
}

/** The link that dials `number`. */
export function callLink(number: string): string {
  return `tel:${number}`;
}
