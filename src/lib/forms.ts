import type { z } from 'astro/zod';
import { normalizeText } from './text';

/** The shape every form action returns: either data, or Spanish messages by field plus what was typed. */
export type FormResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      errors: Record<string, string>;
      formError?: string;
      values: Record<string, string | string[]>;
    };

/** More fields than any of our forms has; the middleware refuses bodies past it with a 413. */
export const MAX_FORM_FIELDS = 500;

/** A form with more than `MAX_FORM_FIELDS` fields (normally refused earlier, by the middleware). */
export class FormLimitError extends Error {
  constructor() {
    super(`A form may have at most ${MAX_FORM_FIELDS} fields`);
    this.name = 'FormLimitError';
  }
}

/**
 * FormData → plain object in one pass over the entries; repeated fields become arrays only when
 * listed in `multi` (otherwise the first value wins, as `FormData.get` does).
 */
export function formToObject(
  form: FormData,
  multi: readonly string[] = [],
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null);
  const multiKeys = new Set(multi);
  let fields = 0;
  for (const [key, value] of form.entries()) {
    if (++fields > MAX_FORM_FIELDS) throw new FormLimitError();
    // Every field is normalised here, once: NFC, no NUL or other control characters
    // (line breaks and tabs stay for the schemas' singleLine()/multiLine() to judge).
    const text = normalizeText(String(value));
    if (multiKeys.has(key)) {
      const list = out[key];
      if (Array.isArray(list)) list.push(text);
      else out[key] = [text];
    } else if (!(key in out)) out[key] = text;
  }
  for (const key of multi) out[key] ??= [];
  return { ...out };
}

/** First message per field, keyed by the dotted path ("windows.0.date"). */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_form';
    errors[key] ??= issue.message;
  }
  return errors;
}

/** Values to echo back into a form, without secrets. */
export function safeValues(values: Record<string, string | string[]>, secret: readonly string[] = []) {
  const copy = { ...values };
  for (const key of secret) delete copy[key];
  for (const key of Object.keys(copy)) if (key.startsWith('_')) delete copy[key];
  return copy;
}

export function invalid(
  errors: Record<string, string>,
  values: Record<string, string | string[]>,
  formError?: string,
): {
  ok: false;
  errors: Record<string, string>;
  formError?: string;
  values: Record<string, string | string[]>;
} {
  return formError === undefined ? { ok: false, errors, values } : { ok: false, errors, formError, values };
}
