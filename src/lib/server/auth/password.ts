import { readFileSync } from 'node:fs';
import path from 'node:path';
import { hash, verify } from '@node-rs/argon2';

/** OWASP's argon2id minimum (m=19 MiB, t=2, p=1). Algorithm 2 = argon2id. */
const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFKC'), ARGON2_OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password.normalize('NFKC'));
  } catch {
    return false;
  }
}

/** A hash computed once, verified against when the account does not exist, so timing says nothing. */
let dummyHash: Promise<string> | undefined;
export function dummyVerify(password: string): Promise<boolean> {
  dummyHash ??= hashPassword('una contraseña que nadie tiene');
  return dummyHash.then((h) => verifyPassword(h, password));
}

let commonPasswords: Set<string> | undefined;
function loadCommonPasswords(): Set<string> {
  if (!commonPasswords) {
    const file = path.resolve(process.cwd(), 'db/seed-data/common-passwords.txt');
    commonPasswords = new Set(
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line) => line.trim().toLowerCase())
        .filter((line) => line && !line.startsWith('#')),
    );
  }
  return commonPasswords;
}

/**
 * NIST 800-63B / ASVS 6.2: length only, no composition rules, but refuse passwords that are
 * common or are a common word with a few digits or symbols around it, or the user's own e-mail.
 * Returns a Spanish message for the form, or null when the password is acceptable.
 */
export function checkPasswordPolicy(
  password: string,
  context: { email?: string; name?: string } = {},
): string | null {
  const length = [...password.normalize('NFKC')].length;
  if (length < PASSWORD_MIN_LENGTH)
    return `La contraseña debe tener al menos ${PASSWORD_MIN_LENGTH} caracteres.`;
  if (length > PASSWORD_MAX_LENGTH)
    return `La contraseña no puede tener más de ${PASSWORD_MAX_LENGTH} caracteres.`;
  const lower = password.toLowerCase();
  const common = loadCommonPasswords();
  const core = lower.replace(/^[\d\W_]+|[\d\W_]+$/gu, '');
  if (common.has(lower) || (core.length >= 6 && common.has(core)) || /^(.)\1+$/u.test(lower)) {
    return 'Esa contraseña es muy común y fácil de adivinar. Prueba con una frase de varias palabras.';
  }
  const local = context.email?.toLowerCase().split('@')[0];
  if (local && local.length >= 4 && lower.includes(local)) {
    return 'La contraseña no debe contener tu correo electrónico.';
  }
  return null;
}
