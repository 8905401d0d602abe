import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { arcoHistory, arcoPauses, arcoReports, arcoRequests, privacyNotices } from '~db/schema';
import { type FormResult, fieldErrors, invalid, safeValues } from '~/lib/forms';
import { writeAudit } from '~/lib/server/audit';
import type { RequestContext } from '~/lib/server/context';
import { localYear, nextFolio } from '~/lib/server/folio';
import { sendMail } from '~/lib/server/mail/outbox';
import { getCurrentPrivacyNotice } from '~/lib/server/privacy';
import { hitRateLimit, minutesUntil } from '~/lib/server/rate-limit';
import { SPAM_SECRET, spamCheck } from '~/lib/spam';
import { generateToken, hashToken } from '~/lib/server/tokens';
import { localDay } from '~/lib/time';
import type { ArcoLocale } from './labels';
import { receivedMail, staffNoticeMail } from './mails';
import { type ReportSection, deadlineOf, queueStaff } from './queue.server';
import { arcoRequestSchema } from './schemas';

// The person's side of an ARCO request: the public form (/derechos-arco) and the page behind the
// private link. The staff's side (the queue, the detail, the status changes) is in queue.server.ts.

/** Requests per IP per hour that reach the database, as on the workshop request form. */
export const ARCO_SUBMIT_LIMIT = { perIp: 10, windowSeconds: 60 * 60 } as const;
const DEDUPE_MINUTES = 30;

const PUBLIC_MESSAGES = {
  es: {
    tooFast: 'No pudimos recibir el formulario. Espera unos segundos y vuelve a enviarlo.',
    stale: 'Este formulario lleva mucho tiempo abierto. Recarga la página y vuelve a enviarlo.',
    fix: (n: number) => (n === 1 ? 'Revisa el campo marcado.' : `Revisa los ${n} campos marcados.`),
    noticeChanged:
      'El aviso de privacidad cambió mientras llenabas el formulario. Léelo y vuelve a aceptarlo.',
    throttled: (min: number) =>
      `Recibimos muchas solicitudes desde esta conexión. Inténtalo de nuevo en ${min} minutos, o llámanos.`,
  },
  en: {
    tooFast: 'We could not receive the form. Wait a few seconds and send it again.',
    stale: 'This form has been open a long time. Reload the page and send it again.',
    fix: (n: number) => (n === 1 ? 'Check the marked field.' : `Check the ${n} marked fields.`),
    noticeChanged: 'The privacy notice changed while you filled in the form. Read it and accept it again.',
    throttled: (min: number) =>
      `We received many requests from this connection. Try again in ${min} minutes, or call us.`,
  },
} as const;

export type SubmitArcoData = { folio: string; token: string | null; email: string; duplicate: boolean };

/**
 * The public form: spam checks, validation, rate limit, and in the caller's transaction the
 * request, its first history row, the e-mail with the private link and a notice to the people
 * who work the queue (without the person's data). Never throws for bad input.
 */
export async function submitArcoRequest(
  ctx: RequestContext,
  values: Record<string, string | string[]>,
  locale: ArcoLocale,
): Promise<FormResult<SubmitArcoData>> {
  const m = PUBLIC_MESSAGES[locale];
  const now = ctx.now();
  const kept = safeValues(values, SPAM_SECRET);
  const spam = spamCheck(values, now);
  if (spam !== 'ok') return invalid({}, kept, m[spam]);

  const parsed = arcoRequestSchema(locale).safeParse(values);
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error);
    return invalid(errors, kept, m.fix(Object.keys(errors).length));
  }
  const input = parsed.data;
  const notice = await getCurrentPrivacyNotice(ctx.db, 'integral');
  if (!notice || notice.id !== input.privacyNoticeId)
    return invalid({ consent: m.noticeChanged }, { ...kept, consent: '' }, m.fix(1));

  const limit = await hitRateLimit(ctx.db, `arco:ip:${ctx.ip ?? 'unknown'}`, ARCO_SUBMIT_LIMIT.windowSeconds);
  if (limit.count > ARCO_SUBMIT_LIMIT.perIp)
    return invalid({}, kept, m.throttled(minutesUntil(limit.resetsAt, now)));

  const db = ctx.db;
  // A double click or a reload re-posts the same request: answer with the first one's folio.
  const dedupe = hashToken(JSON.stringify([input.email, input.right, input.holderName, input.description]));
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${dedupe}, 0))`);
  const [existing] = await db
    .select({ folio: arcoRequests.folio })
    .from(arcoRequests)
    .where(
      and(
        eq(arcoRequests.dedupeHash, dedupe),
        gt(arcoRequests.createdAt, new Date(now.getTime() - DEDUPE_MINUTES * 60_000)),
      ),
    )
    .limit(1);
  if (existing)
    return { ok: true, data: { folio: existing.folio, token: null, email: input.email, duplicate: true } };

  const token = generateToken(20);
  const folio = await nextFolio(db, 'ARCO', localYear(now, ctx.zone), 4);
  const [created] = await db
    .insert(arcoRequests)
    .values({
      folio,
      tokenHash: hashToken(token),
      right: input.right,
      requesterKind: input.requesterKind,
      holderName: input.holderName,
      representativeName: input.representativeName,
      email: input.email,
      phone: input.phone ?? '',
      referenceKind: input.referenceKind,
      reference: input.reference,
      description: input.description,
      identityMethod: input.identityMethod,
      locale,
      privacyNoticeId: input.privacyNoticeId,
      consentedAt: now,
      dedupeHash: dedupe,
      receivedOn: localDay(now, ctx.zone),
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: arcoRequests.id });
  const id = created!.id;
  await db.insert(arcoHistory).values({ requestId: id, fromStatus: null, toStatus: 'received', at: now });
  const mail = await ctx.mail();
  await sendMail(db, {
    to: input.email,
    template: 'arco.received',
    idempotencyKey: `arco-received-${id}`,
    ...receivedMail(
      { folio, name: input.representativeName || input.holderName, right: input.right },
      token,
      mail,
      locale,
    ),
  });
  for (const person of await queueStaff(db))
    await sendMail(db, {
      to: person.email,
      template: 'arco.notify-staff',
      idempotencyKey: `arco-notify-${id}-${person.id}`,
      ...staffNoticeMail(folio, 'new', mail),
    });
  await writeAudit(db, {
    action: 'arco.create',
    entity: 'arco_request',
    entityId: id,
    ip: ctx.ip,
    details: { folio, right: input.right },
  });
  return { ok: true, data: { folio, token, email: input.email, duplicate: false } };
}

/**
 * The person's view through the private link: status, history, deadline and, once released,
 * the access report. Null for any token that does not match (the page answers 404).
 */
export async function findArcoByToken(ctx: RequestContext, token: string) {
  if (!/^[a-z2-7]{26,64}$/.test(token)) return null;
  const [request] = await ctx.db
    .select()
    .from(arcoRequests)
    .where(eq(arcoRequests.tokenHash, hashToken(token)));
  if (!request) return null;
  const [history, pauses, report, notice] = await Promise.all([
    ctx.db
      .select()
      .from(arcoHistory)
      .where(eq(arcoHistory.requestId, request.id))
      .orderBy(asc(arcoHistory.at)),
    ctx.db.select().from(arcoPauses).where(eq(arcoPauses.requestId, request.id)),
    ctx.db.select().from(arcoReports).where(eq(arcoReports.requestId, request.id)),
    ctx.db
      .select({ version: privacyNotices.version })
      .from(privacyNotices)
      .where(eq(privacyNotices.id, request.privacyNoticeId)),
  ]);
  const released = report[0]?.releasedAt ? report[0] : null;
  return {
    request,
    history,
    deadline: deadlineOf(request, pauses, localDay(ctx.now(), ctx.zone)),
    report: released
      ? { sections: released.sections as ReportSection[], releasedAt: released.releasedAt! }
      : null,
    noticeVersion: notice[0]?.version ?? null,
  };
}
