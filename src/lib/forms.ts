import type { z } from 'astro/zod';

/** The shape every form action returns: either data, or Spanish messages by field plus what was typed. */
export type FormResult<T> =
  | { ok: true; data: T }
  | {
      ok: false;
      errors: Record<string, string>;
      formError?: string;
      values: Record<string, string | string[]>;
    };

/** FormData → plain object; repeated fields become arrays only when listed in `multi`. */
export function formToObject(
  form: FormData,
  multi: readonly string[] = [],
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(form.keys())) {
    if (multi.includes(key)) out[key] = form.getAll(key).map(String);
    else out[key] = String(form.get(key) ?? '');
  }
  for (const key of multi) out[key] ??= [];
  return out;
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
