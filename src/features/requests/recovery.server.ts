import { and, eq, sql } from 'drizzle-orm';
import { workshopRequests } from '~db/schema';
import type { Locale } from '~/i18n';
import type { RequestContext } from '~/lib/server/context';
import { sendMail } from '~/lib/server/mail/outbox';
import { minutesUntil, reserveAttempt } from '~/lib/server/rate-limit';
import { generateToken, hashToken } from '~/lib/server/tokens';
import { recoveredLinkMail, recoveryMissMail } from './mails';

/**
 * "¿Perdiste tu enlace?" for a workshop request: given the folio and the contact e-mail, a fresh
 * private link is mailed and the old one stops working (only one hash is kept per request).
 *
 * The page says the same thing whether or not the pair matches, and both paths do the same work:
 * two rate-limit reservations, one UPDATE (that matches one row or none) and one e-mail into the
 * outbox — to a match, its new link; to an address that matches nothing, a note saying we found
 * no request with that folio and address (only the owner of the address reads it). Attempts are
 * counted in the database, per IP and per address, before anything is looked up.
 */
export const RECOVERY_LIMIT = { perIp: 5, perAddress: 3, windowSeconds: 60 * 60 } as const;

export interface RecoveryInput {
  folio: string;
  email: string;
  locale: Locale;
}

export type RecoveryResult = { ok: true } | { ok: false; reason: 'throttled'; minutes: number };

export async function recoverRequestLink(ctx: RequestContext, input: RecoveryInput): Promise<RecoveryResult> {
  const now = ctx.now();
  const email = input.email.trim().toLowerCase();
  const folio = input.folio.trim().toUpperCase();
  const mail = { ...(await ctx.mail()), timeZone: ctx.zone };
  return ctx.db.transaction(async (tx) => {
    const byIp = await reserveAttempt(
      tx,
      `recover:request:ip:${ctx.ip ?? 'unknown'}`,
      RECOVERY_LIMIT.perIp,
      RECOVERY_LIMIT.windowSeconds,
    );
    // The address is kept hashed in the rate-limit key: no e-mail in plain text outside its table.
    const byAddress = await reserveAttempt(
      tx,
      `recover:request:addr:${hashToken(email)}`,
      RECOVERY_LIMIT.perAddress,
      RECOVERY_LIMIT.windowSeconds,
    );
    if (!byIp.reserved || !byAddress.reserved) {
      const resetsAt = !byIp.reserved ? byIp.resetsAt : byAddress.resetsAt;
      return { ok: false, reason: 'throttled', minutes: minutesUntil(resetsAt, now) } as const;
    }

    const token = generateToken(20);
    const [found] = await tx
      .update(workshopRequests)
      .set({ tokenHash: hashToken(token), updatedAt: sql`now()` })
      .where(and(eq(workshopRequests.folio, folio), eq(workshopRequests.contactEmail, email)))
      .returning({
        id: workshopRequests.id,
        folio: workshopRequests.folio,
        contactName: workshopRequests.contactName,
        institutionName: workshopRequests.institutionName,
      });
    await sendMail(tx, {
      to: email,
      ...(found
        ? {
            template: 'request.link-recovered',
            ...recoveredLinkMail(found, token, mail, input.locale),
          }
        : {
            template: 'request.link-recovery-miss',
            ...recoveryMissMail(folio, mail, input.locale),
          }),
    });
    return { ok: true } as const;
  });
}
