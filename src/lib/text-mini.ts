import * as z from 'zod/mini';

/**
 * The text rules of src/lib/text.ts without zod's full API: the same normalisation and the same
 * checks, as zod/mini schemas, for forms whose schema also runs in the browser (the request form
 * ships ≤ 40 KB of JavaScript). text.ts builds its zod schemas from the functions here, so the two
 * cannot drift apart.
 */

// C0 controls but \t \n \r, DEL, and the C1 controls.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
export const LINE_BREAK = /[\r\n\u2028\u2029\u0085]/;
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

/** A one-line value as stored: NFC, no control characters, tabs as spaces. */
export const toSingleLine = (v: string) => normalizeText(v).replace(/\t/g, ' ');
/** A text area's value as stored: NFC, no control characters, line ends as LF. */
export const toMultiLine = (v: string) => normalizeText(v).replace(/\r\n?/g, '\n');
export const isOneLine = (v: string) => !LINE_BREAK.test(v);
/** Empty is left to the field's own "required" rule; blank-but-not-empty is refused. */
export const isVisibleOrEmpty = (v: string) => v === '' || v.trim() === '' || hasVisibleText(v);
export const hasLetterOrInvisible = (v: string) => !hasVisibleText(v) || /\p{L}/u.test(v);

export interface TextMessages {
  /** The field was not sent at all. */
  required?: string;
  lineBreak?: string;
  invisible?: string;
}

export const TEXT_DEFAULTS = {
  lineBreak: 'Escríbelo en una sola línea, sin saltos de línea.',
  invisible: 'Escribe el texto con letras o números: lo que escribiste no se ve.',
  noLetter: 'Escribe el nombre con letras.',
} as const;

type Check = z.core.$ZodCheck<string>;

/** singleLine() of text.ts; `then` are further checks (trim, lengths) run after these. */
export function singleLineMini(messages: TextMessages = {}, ...then: Check[]) {
  return z
    .string(messages.required ? { error: messages.required } : undefined)
    .check(
      z.overwrite(toSingleLine),
      z.refine(isOneLine, messages.lineBreak ?? TEXT_DEFAULTS.lineBreak),
      z.refine(isVisibleOrEmpty, messages.invisible ?? TEXT_DEFAULTS.invisible),
      ...then,
    );
}

/** personName() of text.ts. */
export function personNameMini(messages: TextMessages & { noLetter?: string } = {}, ...then: Check[]) {
  return singleLineMini(
    messages,
    z.refine(hasLetterOrInvisible, messages.noLetter ?? TEXT_DEFAULTS.noLetter),
    ...then,
  );
}

/** multiLine() of text.ts. */
export function multiLineMini(messages: Pick<TextMessages, 'required'> = {}, ...then: Check[]) {
  return z
    .string(messages.required ? { error: messages.required } : undefined)
    .check(z.overwrite(toMultiLine), ...then);
}
