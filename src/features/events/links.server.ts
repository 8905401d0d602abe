import { eq } from 'drizzle-orm';
import type { Executor } from '~db/client';
import { eventRegistrationLinks } from '~db/schema';
import { generateToken, hashToken } from '~/lib/server/tokens';

/** A new manage-link token for a registration; only its hash is written. */
export async function mintManageToken(db: Executor, registrationId: number): Promise<string> {
  const token = generateToken(20);
  await db.insert(eventRegistrationLinks).values({ tokenHash: hashToken(token), registrationId });
  return token;
}

/** The registration a token belongs to, or null. */
export async function registrationIdForToken(db: Executor, token: string): Promise<number | null> {
  if (!/^[a-z2-7]{16,64}$/.test(token)) return null;
  const [row] = await db
    .select({ id: eventRegistrationLinks.registrationId })
    .from(eventRegistrationLinks)
    .where(eq(eventRegistrationLinks.tokenHash, hashToken(token)));
  return row?.id ?? null;
}
