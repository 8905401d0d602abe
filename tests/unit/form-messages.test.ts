import { describe, expect, it } from 'vitest';
import { ChangePasswordSchema, LoginSchema, SetPasswordSchema } from '~/features/accounts/schemas';

const messages = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));

// Found by bench/fuzz.mjs: a login post without its password field answered zod's English
// "Invalid input: expected string, received undefined" beside the field.
describe('account forms speak Spanish for missing or wrong-typed fields', () => {
  it('login: a missing password, an array next', () => {
    const r = LoginSchema.safeParse({ email: 'ana@vinculo.test', next: ['/app', '/x'] });
    expect(messages(r)).toEqual({ password: 'Escribe tu contraseña.' });
    const ok = LoginSchema.safeParse({ email: 'ana@vinculo.test', password: 'x', next: ['/app', '/x'] });
    expect(ok.success && ok.data.next).toBeUndefined();
  });
  it('set and change password: every missing field', () => {
    expect(messages(SetPasswordSchema.safeParse({}))).toEqual({
      token: 'Este enlace no es válido.',
      password: 'Escribe la nueva contraseña.',
      confirm: 'Repite la nueva contraseña.',
    });
    expect(messages(ChangePasswordSchema.safeParse({ current: ['a', 'b'] }))).toEqual({
      current: 'Escribe tu contraseña actual.',
      password: 'Escribe la nueva contraseña.',
      confirm: 'Repite la nueva contraseña.',
    });
  });
});

describe('a schema that words no message still answers in Spanish', () => {
  it('missing, wrong-typed and unknown option', async () => {
    await import('~/lib/text');
    const { z } = await import('astro/zod');
    const schema = z.object({ a: z.string(), b: z.enum(['x', 'y']), c: z.number() });
    expect(messages(schema.safeParse({ b: 'z', c: 'no' }))).toEqual({
      a: 'Falta este dato.',
      b: 'Elige una de las opciones de la lista.',
      c: 'Este dato no tiene la forma esperada.',
    });
  });
});

describe('titles are one line (found by bench/fuzz.mjs)', () => {
  it('a post title and an event title with a line break are refused beside the field', async () => {
    const { PostFormSchema } = await import('~/features/content/schemas');
    const { EventFormSchema } = await import('~/features/events/schemas');
    const post = messages(PostFormSchema.safeParse({ title: 'Campaña\r\nX-Injected: 1' }));
    expect(post.title).toBe('Escríbelo en una sola línea, sin saltos de línea.');
    const event = messages(EventFormSchema.safeParse({ title: 'Feria\nde salud' }));
    expect(event.title).toBe('Escríbelo en una sola línea, sin saltos de línea.');
  });
});
