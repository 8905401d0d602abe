import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db, Executor } from '~db/client';
import {
  municipalities,
  privacyNotices,
  users,
  workshopRequestEvaluations,
  workshopRequestHistory,
  workshopRequestTopics,
  workshopRequestWindows,
  workshopRequests,
  workshops,
} from '~db/schema';
import { type Locale, t } from '~/i18n';
import { type FormResult, invalid, safeValues } from '~/lib/forms';
import { writeAudit } from '~/lib/server/audit';
import { localYear, nextFolio } from '~/lib/server/folio';
import { sendMail } from '~/lib/server/mail/outbox';
import { getCurrentPrivacyNotice } from '~/lib/server/privacy';
import { hitRateLimit, minutesUntil } from '~/lib/server/rate-limit';
import { SPAM_SECRET, spamCheck } from '~/lib/spam';
import { generateToken, hashToken } from '~/lib/server/tokens';
import { type MailContext, receivedMail, supervisorMail } from './mails';
import { requestErrors } from './request-schema';
import { type RequestInput, requestSchema } from './schemas';
import { toInstant, zoneOfActivity } from '~/lib/time';

/** Submissions per IP per hour that reach the database (invalid forms do not count). */
export const SUBMIT_LIMIT = { perIp: 10, windowSeconds: 60 * 60 } as const;
/** Same data again within this window is the same request (double click, reload, back+resend). */
export const DEDUPE_WINDOW_MINUTES = 30;

export interface SubmitContext {
  ip: string | null;
  locale: Locale;
  mail: MailContext;
  now?: Date;
}

export type SubmitData = { folio: string; email: string; duplicate: boolean };

/**
 * The whole public submission: spam checks, validation, rate limit, double-submit detection
 * and, in one transaction, the request with its topics, windows, first history entry and the
 * e-mails to the requester and supervisors. Never throws for bad input; DB errors propagate
 * to the caller (the action turns them into a message and keeps what was typed).
 */
export async function submitRequest(
  db: Db,
  values: Record<string, string | string[]>,
  ctx: SubmitContext,
): Promise<FormResult<SubmitData>> {
  const now = ctx.now ?? new Date();
  const m = (key: Parameters<typeof t>[1], params?: Record<string, string | number>) =>
    t(ctx.locale, key, params);
  const kept = safeValues(values, SPAM_SECRET);

  const spam = spamCheck(values, now);
  if (spam !== 'ok') return invalid({}, kept, m(spam === 'stale' ? 'req.stale' : 'req.tooFast'));

  const parsed = requestSchema({ locale: ctx.locale, timeZone: ctx.mail.timeZone, now }).safeParse(values);
  if (!parsed.success) {
    const errors = requestErrors(parsed.error.issues);
    return invalid(errors, kept, m('req.fix', { count: Object.keys(errors).length }));
  }
  const input = parsed.data;

  const references = await checkReferences(db, input, ctx.locale);
  if (references)
    return invalid(
      references.errors,
      references.dropConsent ? { ...kept, consent: '' } : kept,
      m('req.fix', { count: Object.keys(references.errors).length }),
    );

  const limit = await hitRateLimit(db, `request:ip:${ctx.ip ?? 'unknown'}`, SUBMIT_LIMIT.windowSeconds);
  if (limit.count > SUBMIT_LIMIT.perIp)
    return invalid({}, kept, m('req.throttled', { minutes: minutesUntil(limit.resetsAt, now) }));

  const dedupeHash = hashToken(JSON.stringify(normalise(input)));
  // The windows are local times of the place (the office's when online), as scheduling reads them.
  const zone = zoneOfActivity(input, ctx.mail.timeZone);
  const windows = input.windows.map((w) => ({
    startsAt: toInstant(`${w.date}T${w.from}`, zone),
    endsAt: toInstant(`${w.date}T${w.to}`, zone),
  }));

  return db.transaction(async (tx) => {
    // Two identical posts racing (double click) queue here; the second then finds the first.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${dedupeHash}, 0))`);
    const [existing] = await tx
      .select({ folio: workshopRequests.folio })
      .from(workshopRequests)
      .where(
        and(
          eq(workshopRequests.dedupeHash, dedupeHash),
          gt(workshopRequests.createdAt, sql`now() - make_interval(mins => ${DEDUPE_WINDOW_MINUTES})`),
        ),
      );
    if (existing)
      return {
        ok: true as const,
        data: { folio: existing.folio, email: input.contactEmail, duplicate: true },
      };

    const token = generateToken(20);
    const folio = await nextFolio(tx, 'T', localYear(now, ctx.mail.timeZone), 4);
    const [created] = await tx
      .insert(workshopRequests)
      .values({
        folio,
        tokenHash: hashToken(token),
        institutionName: input.institutionName,
        institutionType: input.institutionType,
        municipalityId: input.municipalityId,
        address: input.address,
        contactName: input.contactName,
        contactRole: input.contactRole,
        contactEmail: input.contactEmail,
        contactPhone: input.contactPhone,
        audienceDescription: input.audienceDescription,
        audienceAges: input.audienceAges,
        expectedCount: input.expectedCount,
        modality: input.modality,
        notes: input.notes,
        privacyNoticeId: input.privacyNoticeId,
        consentedAt: now,
        dedupeHash,
      })
      .returning({ id: workshopRequests.id });
    const id = created!.id;
    await tx
      .insert(workshopRequestTopics)
      .values(input.topics.map((workshopId) => ({ requestId: id, workshopId })));
    await tx.insert(workshopRequestWindows).values(windows.map((w) => ({ requestId: id, ...w })));
    await tx.insert(workshopRequestHistory).values({ requestId: id, fromStatus: null, toStatus: 'received' });

    await sendMail(tx, {
      to: input.contactEmail,
      template: 'request.received',
      idempotencyKey: `request-received-${id}`,
      ...receivedMail({ folio, ...input }, token, ctx.mail, ctx.locale),
    });
    const [place] = await tx
      .select({ name: municipalities.name })
      .from(municipalities)
      .where(eq(municipalities.id, input.municipalityId));
    const supervisors = await tx
      .select({ id: users.id, name: users.name, email: users.email })
      .from(users)
      .where(and(eq(users.role, 'supervisor'), eq(users.active, true)));
    for (const s of supervisors) {
      await sendMail(tx, {
        to: s.email,
        template: 'request.notify-supervisor',
        idempotencyKey: `request-notify-${id}-${s.id}`,
        ...supervisorMail(
          { id, folio, institutionName: input.institutionName, municipality: place?.name ?? '' },
          s.name,
          ctx.mail,
        ),
      });
    }
    await writeAudit(tx, {
      action: 'request.create',
      entity: 'workshop_request',
      entityId: id,
      ip: ctx.ip,
      details: { folio },
    });
    return { ok: true as const, data: { folio, email: input.contactEmail, duplicate: false } };
  });
}

/** Topics must be active catalogue entries, the municipality real, the notice the one in force. */
async function checkReferences(
  db: Executor,
  input: RequestInput,
  locale: Locale,
): Promise<{ errors: Record<string, string>; dropConsent: boolean } | null> {
  const errors: Record<string, string> = {};
  const [found, place, notice] = await Promise.all([
    db
      .select({ id: workshops.id })
      .from(workshops)
      .where(and(inArray(workshops.id, input.topics), eq(workshops.active, true))),
    db
      .select({ id: municipalities.id })
      .from(municipalities)
      .where(eq(municipalities.id, input.municipalityId)),
    getCurrentPrivacyNotice(db, 'integral'),
  ]);
  if (found.length !== input.topics.length) errors.topics = t(locale, 'req.unknownTopic');
  if (place.length === 0) errors.municipalityId = t(locale, 'req.unknownMunicipality');
  const dropConsent = !notice || notice.id !== input.privacyNoticeId;
  if (dropConsent) errors.consent = t(locale, 'req.noticeChanged');
  return Object.keys(errors).length ? { errors, dropConsent } : null;
}

/**
 * The double-submit key: every field of the request (issue 12 #11). Only a resubmission that
 * is the same in every field is a duplicate; a corrected one (another address, phone, contact
 * or note) is a new request with its own folio, so no correction is ever thrown away.
 * Whitespace runs are collapsed so a reload that re-posts the same text still matches.
 */
function normalise(input: RequestInput) {
  const norm = (v: unknown): unknown => {
    if (typeof v === 'string') return v.replace(/\s+/g, ' ').trim();
    if (v instanceof Date) return v.toISOString();
    if (Array.isArray(v))
      return v
        .map(norm)
        .map((x) => JSON.stringify(x))
        .sort();
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, norm((v as Record<string, unknown>)[k])]),
      );
    return v ?? null;
  };
  return norm(input);
}

/**
 * The requester's view through the private link. Null for any token that does not match,
 * so the page answers 404 and reveals nothing.
 */
export async function findRequestByToken(db: Executor, token: string) {
  if (!/^[a-z2-7]{26,64}$/.test(token)) return null;
  const [request] = await db
    .select()
    .from(workshopRequests)
    .where(eq(workshopRequests.tokenHash, hashToken(token)));
  if (!request) return null;
  const [topics, windows, evaluation, notice] = await Promise.all([
    db
      .select({ title: workshops.title, titleEn: workshops.titleEn, slug: workshops.slug })
      .from(workshopRequestTopics)
      .innerJoin(workshops, eq(workshops.id, workshopRequestTopics.workshopId))
      .where(eq(workshopRequestTopics.requestId, request.id))
      .orderBy(asc(workshops.sortOrder)),
    db
      .select()
      .from(workshopRequestWindows)
      .where(eq(workshopRequestWindows.requestId, request.id))
      .orderBy(asc(workshopRequestWindows.startsAt)),
    db.select().from(workshopRequestEvaluations).where(eq(workshopRequestEvaluations.requestId, request.id)),
    db
      .select({ version: privacyNotices.version })
      .from(privacyNotices)
      .where(eq(privacyNotices.id, request.privacyNoticeId)),
  ]);
  return {
    request,
    topics,
    windows,
    evaluation: evaluation[0] ?? null,
    noticeVersion: notice[0]?.version ?? null,
  };
}
