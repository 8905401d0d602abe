import { z } from 'astro/zod';

/**
 * Zod speaks Spanish everywhere, on the server and in the browser: a message our schemas do not
 * word themselves is never shown in English. The cases a person can meet get a plain sentence (a
 * missing or wrong-typed field was zod's English "Invalid input" until bench/fuzz.mjs found it);
 * the rest is zod's Spanish locale. Imported by the middleware, the action pipeline,
 * src/lib/forms.ts and src/lib/text.ts, so every form schema has it; schemas keep their own,
 * warmer messages where they have them.
 */
z.config({
  ...z.locales.es(),
  customError: (issue) => {
    if (issue.code === 'invalid_type')
      return issue.input === undefined ? 'Falta este dato.' : 'Este dato no tiene la forma esperada.';
    if (issue.code === 'invalid_value') return 'Elige una de las opciones de la lista.';
    return undefined;
  },
});

export { z };
