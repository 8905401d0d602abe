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

import {
  hasLetterOrInvisible,
  hasVisibleText,
  isOneLine,
  isVisibleOrEmpty,
  normalizeText,
  TEXT_DEFAULTS as DEFAULTS,
  toMultiLine,
  toSingleLine,
} from './text-mini';

// The rules themselves live in text-mini.ts (also used by zod/mini schemas that run in the browser).
export { hasVisibleText, normalizeText };

export interface TextMessages {
  /** The field was not sent at all. */
  required?: string;
  lineBreak?: string;
  invisible?: string;
}

export function singleLine(messages: TextMessages = {}) {
  return z
    .string(messages.required ? { error: messages.required } : undefined)
    .overwrite(toSingleLine)
    .refine(isOneLine, messages.lineBreak ?? DEFAULTS.lineBreak)
    .refine(isVisibleOrEmpty, messages.invisible ?? DEFAULTS.invisible);
}

export function multiLine(messages: Pick<TextMessages, 'required'> = {}) {
  return z.string(messages.required ? { error: messages.required } : undefined).overwrite(toMultiLine);
}

export function personName(messages: TextMessages & { noLetter?: string } = {}) {
  return singleLine(messages).refine(hasLetterOrInvisible, messages.noLetter ?? DEFAULTS.noLetter);
}
