import { generateToken } from '~/lib/server/tokens';

/**
 * Verification codes: 15 random bytes (120 bits, well above the 80 asked for), base32 in lower
 * case, 24 characters. Printed in groups of four ("k7m2-q9xa-…") and read back in any case,
 * with or without the dashes and spaces a person types when copying it from paper.
 */
export const CODE_BYTES = 15;
export const CODE_LENGTH = 24;

export function newCertificateCode(): string {
  return generateToken(CODE_BYTES);
}

/** The stored form of what someone typed or scanned, or null when it cannot be a code. */
export function normalizeCode(input: string): string | null {
  const code = input.toLowerCase().replace(/[\s-]/g, '');
  return /^[a-z2-7]{24}$/.test(code) ? code : null;
}

/** "k7m2-q9xa-…" for print. */
export function formatCode(code: string): string {
  return code
    .match(/.{1,4}/g)!
    .join('-')
    .toUpperCase();
}
