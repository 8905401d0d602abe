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

  it('hashes with argon2id at m=19456 KiB, t=2, p=1 and a fresh salt, and verifies', async () => {
    const hash = await hashPassword('una frase larga de prueba');
    // PHC string: $argon2id$v=19$m=…,t=…,p=…$salt$hash (README: argon2id, m=19 MiB, t=2).
    const phc =
      /^\$(argon2(?:id|i|d))\$v=(\d+)\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(
        hash,
      );
    expect(phc, hash).not.toBeNull();
    const [, algorithm, version, m, t, p, salt, digest] = phc!;
    expect({ algorithm, version, m, t, p }).toEqual({
      algorithm: 'argon2id',
      version: '19',
      m: '19456',
      t: '2',
      p: '1',
    });
    expect(Buffer.from(salt!, 'base64').length).toBeGreaterThanOrEqual(16);
    expect(Buffer.from(digest!, 'base64').length).toBeGreaterThanOrEqual(32);
    const again = await hashPassword('una frase larga de prueba');
    expect(again.split('$')[4]).not.toBe(salt);
    expect(await verifyPassword(hash, 'una frase larga de prueba')).toBe(true);
    expect(await verifyPassword(hash, 'otra frase larga de prueba')).toBe(false);
    expect(await verifyPassword('no-es-un-hash', 'x')).toBe(false);
  });
});
