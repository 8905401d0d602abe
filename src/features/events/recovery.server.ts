import { and, asc, eq, gt, ne, sql } from 'drizzle-orm';
import { eventRegistrationLinks, eventRegistrations, events } from '~db/schema';
import type { Locale } from '~/i18n';
import type { RequestContext } from '~/lib/server/context';
import { sendMail } from '~/lib/server/mail/outbox';
import { minutesUntil, reserveAttempt } from '~/lib/server/rate-limit';
import { generateToken, hashToken } from '~/lib/server/tokens';
import { eventsMailContext } from './context.server';
import { eventMail, recoveryMissMail } from './mail';

/**
 * "¿Perdiste tu enlace?" for an event registration: given the event and the e-mail, every earlier
 * manage link of that registration stops working and a new one is mailed.
 *
 * The page answers the same whether or not there is such a registration, and both paths run the
 * same statements: two rate-limit reservations (per IP and per address, in the database), the
 * event, the registration (found or not), a DELETE of its links and an INSERT … SELECT of the new
 * one (each touching a row or none), and one e-mail — the link, or to an address with no live
 * registration a note that we found none (only the owner of the address reads it).
 */
export const EVENT_RECOVERY_LIMIT = { perIp: 5, perAddress: 3, windowSeconds: 60 * 60 } as const;

export interface EventRecoveryInput {
  slug: string;
  email: string;
  locale: Locale;
}

export type EventRecoveryResult = { ok: true } | { ok: false; reason: 'throttled'; minutes: number };

export async function recoverRegistrationLink(
  ctx: RequestContext,
  input: EventRecoveryInput,
): Promise<EventRecoveryResult> {
  const now = ctx.now();
  const email = input.email.trim().toLowerCase();
  const mailCtx = await eventsMailContext(ctx.db);
  return ctx.db.transaction(async (tx) => {
    const byIp = await reserveAttempt(
      tx,
      `recover:event:ip:${ctx.ip ?? 'unknown'}`,
      EVENT_RECOVERY_LIMIT.perIp,
      EVENT_RECOVERY_LIMIT.windowSeconds,
    );
    const byAddress = await reserveAttempt(
      tx,
      `recover:event:addr:${hashToken(email)}`,
      EVENT_RECOVERY_LIMIT.perAddress,
      EVENT_RECOVERY_LIMIT.windowSeconds,
    );
    if (!byIp.reserved || !byAddress.reserved) {
      const resetsAt = !byIp.reserved ? byIp.resetsAt : byAddress.resetsAt;
      return { ok: false, reason: 'throttled', minutes: minutesUntil(resetsAt, now) } as const;
    }

    const [event] = await tx
      .select()
      .from(events)
      .where(and(eq(events.slug, input.slug), ne(events.status, 'draft')));
    // Event pages are public: an unknown event gives nothing away, and there is nobody to write to.
    if (!event) return { ok: true } as const;

    const [reg] = await tx
      .select()
      .from(eventRegistrations)
      .where(
        and(
          eq(eventRegistrations.eventId, event.id),
          eq(eventRegistrations.email, email),
          ne(eventRegistrations.status, 'cancelled'),
        ),
      )
      .for('update');
    const registrationId = reg?.id ?? 0;
    const token = generateToken(20);
    await tx.delete(eventRegistrationLinks).where(eq(eventRegistrationLinks.registrationId, registrationId));
    await tx.insert(eventRegistrationLinks).select(
      tx
        .select({
          tokenHash: sql<string>`${hashToken(token)}`.as('token_hash'),
          registrationId: eventRegistrations.id,
          createdAt: sql<Date>`now()`.as('created_at'),
        })
        .from(eventRegistrations)
        .where(eq(eventRegistrations.id, registrationId)),
    );
    await sendMail(
      tx,
      reg
        ? eventMail('recovered', mailCtx, event, reg, {
            token,
            idempotencyKey: `event-recovered:${reg.id}:${token.slice(0, 12)}`,
          })
        : recoveryMissMail(mailCtx, event, email, input.locale),
    );
    return { ok: true } as const;
  });
}

/** Events a person may have a live registration to: published or cancelled, not yet over a week ago. */
export async function recoverableEvents(ctx: RequestContext) {
  const since = new Date(ctx.now().getTime() - 7 * 86_400_000);
  return ctx.db
    .select({ slug: events.slug, title: events.title, titleEn: events.titleEn, startsAt: events.startsAt })
    .from(events)
    .where(and(ne(events.status, 'draft'), gt(events.endsAt, since)))
    .orderBy(asc(events.startsAt))
    .limit(200);
}
