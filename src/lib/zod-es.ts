import { z } from 'astro/zod';

/**
 * Spanish for every validation message a schema does not word itself (issue 12 #10; found by
 * bench/fuzz.mjs: a missing or wrong-typed field answered zod's English "Invalid input").
 * The common cases a person can meet get a plain sentence; the rest zod's Spanish locale.
 * Imported by src/lib/forms.ts and src/lib/text.ts, so every form schema has it, on the
 * server and in the browser.
 */
const spanish = z.locales.es();
z.config({
  ...spanish,
  customError: (issue) => {
    if (issue.code === 'invalid_type')
      return issue.input === undefined ? 'Falta este dato.' : 'Este dato no tiene la forma esperada.';
    if (issue.code === 'invalid_value') return 'Elige una de las opciones de la lista.';
    return undefined;
  },
});
