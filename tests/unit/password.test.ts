import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy, hashPassword, verifyPassword } from '~/lib/server/auth/password';

describe('password policy', () => {
  it('asks for at least 12 characters and nothing about composition', () => {
    expect(checkPasswordPolicy('corta')).toMatch(/al menos 12/);
    expect(checkPasswordPolicy('todo en minúsculas y sin números')).toBeNull();
    expect(checkPasswordPolicy('ñandú río café')).toBeNull();
  });

  it('refuses common passwords, also with digits or symbols tacked on', () => {
    expect(checkPasswordPolicy('password1234')).toMatch(/común/);
    expect(checkPasswordPolicy('qwertyuiop123')).toMatch(/común/);
    expect(checkPasswordPolicy('Contraseña2026!')).toMatch(/común/);
    expect(checkPasswordPolicy('aaaaaaaaaaaaaa')).toMatch(/común/);
  });

  it('refuses a password that contains the e-mail name', () => {
    expect(checkPasswordPolicy('lucia.chavez-segura', { email: 'lucia.chavez@vinculo.test' })).toMatch(
      /correo/,
    );
  });

  it('hashes with argon2id and verifies', async () => {
    const hash = await hashPassword('una frase larga de prueba');
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, 'una frase larga de prueba')).toBe(true);
    expect(await verifyPassword(hash, 'otra frase larga de prueba')).toBe(false);
    expect(await verifyPassword('no-es-un-hash', 'x')).toBe(false);
  });
});
