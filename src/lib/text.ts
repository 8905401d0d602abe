import { z } from 'astro/zod';
import './zod';

/**
 * Text as people type it, made safe in one place. Runs in the browser too (live validation), so
 * nothing here imports from the server.
 *
 * - `normalizeText`: NFC, and no control characters but tab, line feed and carriage return
 *   (NUL never reaches PostgreSQL, which refuses it). `formToObject` applies it to every field.
 * - `singleLine()`: a one-line field: line breaks are refused with a message (not silently
 *   joined), tabs become spaces, and a value made only of invisible characters is refused.
 * - `multiLine()`: a text area: CR LF and CR become LF, tabs stay.
 * - `personName()`: a single line with at least one letter.
 * Each returns a zod string, so `.trim().min().max()` chain on as before.
 */

// C0 controls but \t \n \r, DEL, and the C1 controls.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const LINE_BREAK = /[\r\n\u2028\u2029\u0085]/;
/**
 * What renders as nothing: format characters (zero-width space and joiners, bidi controls, BOM,
 * soft hyphen…), spaces, and the blank Hangul fillers and combining grapheme joiner.
 */
const INVISIBLE = /[\p{Cf}\p{Z}\s\u034F\u115F\u1160\u3164\uFFA0\u180E]/gu;

export function normalizeText(value: string): string {
  return value.normalize('NFC').replace(CONTROL, '');
}

/** True when something visible is left once the invisible characters are taken away. */
export function hasVisibleText(value: string): boolean {
  return value.replace(INVISIBLE, '').length > 0;
}

export interface TextMessages {
  /** The field was not sent at all. */
  required?: string;
  lineBreak?: string;
  invisible?: string;
}

const DEFAULTS = {
  lineBreak: 'Escríbelo en una sola línea, sin saltos de línea.',
  invisible: 'Escribe el texto con letras o números: lo que escribiste no se ve.',
  noLetter: 'Escribe el nombre con letras.',
} as const;

export function singleLine(messages: TextMessages = {}) {
  return z
    .string(messages.required ? { error: messages.required } : undefined)
    .overwrite((v) => normalizeText(v).replace(/\t/g, ' '))
    .refine((v) => !LINE_BREAK.test(v), messages.lineBreak ?? DEFAULTS.lineBreak)
    .refine(
      (v) => v === '' || v.trim() === '' || hasVisibleText(v),
      messages.invisible ?? DEFAULTS.invisible,
    );
}

export function multiLine(messages: Pick<TextMessages, 'required'> = {}) {
  return z
    .string(messages.required ? { error: messages.required } : undefined)
    .overwrite((v) => normalizeText(v).replace(/\r\n?/g, '\n'));
}

export function personName(messages: TextMessages & { noLetter?: string } = {}) {
  return singleLine(messages).refine(
    (v) => !hasVisibleText(v) || /\p{L}/u.test(v),
    messages.noLetter ?? DEFAULTS.noLetter,
  );
}
