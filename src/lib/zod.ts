import { z } from 'astro/zod';

/**
 * Zod speaks Spanish everywhere on the server: a message our schemas do not set themselves
 * ("Demasiado pequeño…") is never shown in English. Imported once by the middleware and the
 * action pipeline; schemas keep their own, warmer messages where they have them.
 */
z.config(z.locales.es());

export { z };
