import { parsePhoneNumberFromString, type PhoneNumber } from 'libphonenumber-js/min';
import { singleLine } from './text';

/**
 * Telephone numbers, Mexican by default and international with their + prefix, checked with
 * libphonenumber-js (Google's metadata) and stored in E.164 (+526141234567). Runs in the browser
 * too (live validation of the request form).
 */

const DEFAULT_COUNTRY = 'MX';
/** Longer than any real number with its spaces and dashes: not worth parsing. */
const MAX_TYPED = 30;

function parse(typed: string): PhoneNumber | undefined {
  if (typed.length > MAX_TYPED) return undefined;
  const phone = parsePhoneNumberFromString(typed, DEFAULT_COUNTRY);
  if (phone?.isValid()) return phone;
  // Mexican mobiles used to be dialled +52 1 …; the 1 is gone since 2019.
  const digits = typed.replace(/[^\d+]/g, '');
  if (/^\+521\d{10}$/.test(digits)) {
    const retried = parsePhoneNumberFromString(`+52${digits.slice(4)}`);
    if (retried?.isValid()) return retried;
  }
  return undefined;
}

/** E.164 for a valid number, otherwise null. */
export function toE164(typed: string): string | null {
  return parse(typed.trim())?.number ?? null;
}

/** A stored number as people read it: national for Mexico (614 123 4567), +… otherwise. */
export function formatPhone(stored: string | null | undefined): string {
  if (!stored) return '';
  const phone = parse(stored);
  if (!phone) return stored;
  return phone.country === DEFAULT_COUNTRY ? phone.formatNational() : phone.formatInternational();
}

/** For tel: links. */
export function phoneHref(stored: string): string {
  return `tel:${toE164(stored) ?? stored.replace(/[^\d+]/g, '')}`;
}

export interface PhoneMessages {
  required?: string;
  invalid: string;
}

/** A required phone field: typed any usual way, out in E.164. */
export function phoneNumber(messages: PhoneMessages) {
  return singleLine(messages.required ? { required: messages.required } : {})
    .trim()
    .refine((v) => toE164(v) !== null, messages.invalid)
    .transform((v) => toE164(v)!);
}

/** An optional phone field: empty stays empty. */
export function optionalPhoneNumber(messages: PhoneMessages) {
  return singleLine()
    .trim()
    .refine((v) => v === '' || toE164(v) !== null, messages.invalid)
    .transform((v) => (v === '' ? '' : toE164(v)!));
}
