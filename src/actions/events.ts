import { signedIn } from '~/lib/server/context';
import { z } from 'astro/zod';
import {
  cancelEvent,
  createEvent,
  moveRegistration,
  publishEvent,
  updateEvent,
} from '~/features/events/admin.server';
import { eventsMailContext } from '~/features/events/context.server';
import { checkCoverUpload, storeImage } from '~/features/events/images.server';
import { recoverRegistrationLink } from '~/features/events/recovery.server';
import { cancelByToken, cancelRegistration, registerForEvent } from '~/features/events/registration.server';
import { writeAudit } from '~/lib/server/audit';
import {
  CancelEventSchema,
  EventFormSchema,
  RegistrationSchema,
  groupIssues,
  recoverRegistrationSchema,
} from '~/features/events/schemas';
import { type Locale, type MessageKey, t } from '~/i18n';
import { fieldErrors } from '~/lib/forms';
import { PUBLIC } from '~/lib/policy';
import { badRequest, formAction, notFound } from '~/lib/server/action';
import type { RequestContext } from '~/lib/server/context';
import { hitRateLimit } from '~/lib/server/rate-limit';

/** Sign-ups allowed per IP address in one window (a school lab may share one address). */
const SIGNUP_LIMIT = { perIp: 30, windowSeconds: 10 * 60 };

function localeOf(values: Record<string, string | string[]>): Locale {
  return values.locale === 'en' ? 'en' : 'es';
}

/** Field errors in the visitor's language: the schema speaks Spanish, the dictionary has both. */
function localisedErrors(errors: Record<string, string>, locale: Locale): Record<string, string> {
  if (locale === 'es') return errors;
  const out: Record<string, string> = {};
  for (const key of Object.keys(errors))
    out[key] = t('en', `events.error.${key}` as MessageKey) ?? errors[key]!;
  return out;
}

const REASON_MESSAGE = {
  not_found: 'events.result.notFound',
  not_open: 'events.result.closed',
  closed: 'events.result.closed',
  cancelled: 'events.cancelled',
  full: 'events.result.full',
  privacy_changed: 'events.result.privacyChanged',
} as const satisfies Record<string, MessageKey>;

const CHECK_FIELDS = 'Revisa los campos marcados.';

/** The form's fields as typed: these forms check them themselves (a cover file, localised errors). */
const Typed = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

/** The staff form with its optional cover upload (checked by sniffing the bytes). */
async function parseEventForm(form: FormData, values: Record<string, string | string[]>) {
  const fields = { ...values };
  delete fields.cover;
  const parsed = EventFormSchema.safeParse(fields);
  const errors: Record<string, string> = parsed.success ? {} : fieldErrors(parsed.error);
  const file = form.get('cover');
  let cover: Awaited<ReturnType<typeof checkCoverUpload>> | null = null;
  if (file instanceof File && file.size > 0) {
    cover = await checkCoverUpload(file);
    if (!cover.ok) errors.cover = cover.error;
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false as const, errors };
  // Stored in the action's transaction: a refused save leaves no orphan image.
  const store = async (ctx: RequestContext) => (cover?.ok ? storeImage(ctx.db, cover, ctx.user!.id) : null);
  return { ok: true as const, data: parsed.data, store };
}

export const events = {
  register: formAction({
    permission: PUBLIC,
    input: Typed,
    area: 'eventos',
    locale: localeOf,
    // The sign-up counter must commit even when the sign-up is refused: no outer transaction.
    run: async (ctx, values) => {
      const locale = localeOf(values);
      const parsed = RegistrationSchema.safeParse(values);
      if (!parsed.success) {
        const errors = { ...groupIssues(values), ...fieldErrors(parsed.error) };
        return {
          ok: false,
          errors: localisedErrors(errors, locale),
          formError: t(locale, 'events.error.form'),
        };
      }
      const hit = await hitRateLimit(
        ctx.db,
        `events:signup:ip:${ctx.ip ?? 'unknown'}`,
        SIGNUP_LIMIT.windowSeconds,
      );
      if (hit.count > SIGNUP_LIMIT.perIp)
        return { ok: false, formError: t(locale, 'events.result.throttled') };
      const result = await registerForEvent(ctx.db, parsed.data, await eventsMailContext(ctx.db));
      if (result.ok)
        return {
          ok: true,
          data: {
            status: result.status,
            existing: result.existing,
            name: parsed.data.name.split(/\s+/)[0]!,
          },
        };
      if (result.reason === 'group_too_large')
        return {
          ok: false,
          errors: { groupSize: t(locale, 'events.result.groupTooLarge', { capacity: result.capacity }) },
          formError: t(locale, 'events.error.form'),
        };
      return { ok: false, formError: t(locale, REASON_MESSAGE[result.reason]) };
    },
  }),

  /** From the private manage link; the page maps the reason to its language. */
  /** "¿Perdiste tu enlace?": the same answer whether or not there is such a registration. */
  recoverLink: formAction({
    permission: PUBLIC,
    input: Typed,
    area: 'eventos',
    locale: localeOf,
    run: async (ctx, values) => {
      const locale = localeOf(values);
      const parsed = recoverRegistrationSchema(locale).safeParse(values);
      if (!parsed.success)
        return { ok: false, errors: fieldErrors(parsed.error), formError: t(locale, 'recover.fix') };
      const result = await recoverRegistrationLink(ctx, { ...parsed.data, locale });
      if (!result.ok)
        return { ok: false, formError: t(locale, 'recover.throttled', { minutes: result.minutes }) };
      return { ok: true, data: { sent: true as const } };
    },
  }),

  cancelRegistration: formAction({
    permission: PUBLIC,
    input: z.object({ token: z.string().optional() }),
    area: 'eventos',
    secret: 'all',
    write: true,
    run: async (ctx, input) => {
      const result = await cancelByToken(ctx.db, input.token ?? '', await eventsMailContext(ctx.db));
      return result.ok
        ? { ok: true, data: { cancelled: true as const } }
        : { ok: false, formError: result.reason };
    },
  }),

  createEvent: formAction({
    permission: 'events.manage',
    input: Typed,
    area: 'eventos',
    secret: ['cover'],
    write: true,
    run: async (ctx, values, _typed, form) => {
      const parsed = await parseEventForm(form, values);
      if (!parsed.ok) return { ok: false, errors: parsed.errors, formError: CHECK_FIELDS };
      const coverId = await parsed.store(ctx);
      const result = await createEvent(signedIn(ctx), parsed.data, coverId);
      return result.ok
        ? { ok: true, data: { id: result.id } }
        : { ok: false, errors: result.errors, formError: CHECK_FIELDS };
    },
  }),

  updateEvent: formAction({
    permission: 'events.manage',
    input: Typed,
    area: 'eventos',
    secret: ['cover'],
    write: true,
    run: async (ctx, values, _typed, form) => {
      const parsed = await parseEventForm(form, values);
      if (!parsed.ok) return { ok: false, errors: parsed.errors, formError: CHECK_FIELDS };
      if (!parsed.data.id) throw badRequest('Evento no válido.');
      const mail = await eventsMailContext(ctx.db);
      const coverId = await parsed.store(ctx);
      const result = await updateEvent(signedIn(ctx), parsed.data.id, parsed.data, coverId, mail);
      if (!result.ok && 'notFound' in result) throw notFound('Ese evento no existe.');
      if (!result.ok)
        return { ok: false, errors: result.errors, formError: result.errors._form ?? CHECK_FIELDS };
      return {
        ok: true,
        data: { id: result.id, promoted: result.promoted?.length ?? 0, told: result.told ?? null },
      };
    },
  }),

  publishEvent: formAction({
    permission: 'events.manage',
    input: z.object({ id: z.coerce.number().int().positive() }),
    area: 'eventos',
    malformed: 'Evento no válido.',
    secret: 'all',
    write: true,
    run: async (ctx, input) => {
      const result = await publishEvent(signedIn(ctx), input.id);
      return result.ok ? { ok: true, data: { id: input.id } } : { ok: false, formError: result.error };
    },
  }),

  cancelEvent: formAction({
    permission: 'events.manage',
    input: CancelEventSchema,
    area: 'eventos',
    write: true,
    run: async (ctx, input) => {
      const result = await cancelEvent(
        signedIn(ctx),
        input.id,
        input.reason,
        await eventsMailContext(ctx.db),
      );
      return result.ok
        ? { ok: true, data: { id: input.id, notified: result.notified ?? 0 } }
        : { ok: false, formError: result.error };
    },
  }),

  moveRegistration: formAction({
    permission: 'events.manage',
    input: z.object({
      registrationId: z.coerce.number().int().positive(),
      to: z.enum(['confirmed', 'waiting', 'cancelled']),
    }),
    area: 'eventos',
    malformed: 'Movimiento no válido.',
    secret: 'all',
    write: true,
    run: async (ctx, { registrationId: id, to }) => {
      const mail = await eventsMailContext(ctx.db);
      if (to === 'cancelled') {
        const result = await cancelRegistration(ctx.db, id, 'staff', mail);
        if (!result.ok) return { ok: false, formError: 'Ese registro ya estaba cancelado.' };
        await writeAudit(ctx.db, {
          actorUserId: ctx.user!.id,
          action: 'event.registration.cancelled',
          entity: 'event_registration',
          entityId: id,
          ip: ctx.ip,
        });
        return { ok: true, data: { id, to } };
      }
      const result = await moveRegistration(signedIn(ctx), id, to, mail);
      return result.ok ? { ok: true, data: { id, to } } : { ok: false, formError: result.error };
    },
  }),
};
