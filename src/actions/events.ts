import type { Executor } from '~db/client';
import { requireUser } from '~/lib/server/action-guard';
import { ActionError, defineAction } from 'astro:actions';
import {
  cancelEvent,
  createEvent,
  moveRegistration,
  publishEvent,
  updateEvent,
} from '~/features/events/admin.server';
import { eventsMailContext } from '~/features/events/context.server';
import { checkCoverUpload, storeImage } from '~/features/events/images.server';
import { cancelByToken, cancelRegistration, registerForEvent } from '~/features/events/registration.server';
import { writeAudit } from '~/lib/server/audit';
import {
  CancelEventSchema,
  EventFormSchema,
  RegistrationSchema,
  groupIssues,
} from '~/features/events/schemas';
import { EVENT_MANAGERS } from '~/features/events/status';
import { type Locale, type MessageKey, t } from '~/i18n';
import { type FormResult, fieldErrors, formToObject, invalid, safeValues } from '~/lib/forms';
import { getDb } from '~/lib/server/db';
import { hitRateLimit } from '~/lib/server/rate-limit';
import { log } from '~/lib/server/log';

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

const STAFF_DB_ERROR =
  'No pudimos conectar con la base de datos. Lo que escribiste no se perdió: vuelve a intentarlo en un momento.';

function logError(area: string, error: unknown) {
  log.error({ area: `eventos`, err: error }, `${area}`);
}

/** The staff form with its optional cover upload (checked by sniffing the bytes). */
async function parseEventForm(form: FormData, actorId: number) {
  const values = formToObject(form);
  delete values.cover;
  const parsed = EventFormSchema.safeParse(values);
  const errors: Record<string, string> = parsed.success ? {} : fieldErrors(parsed.error);
  const file = form.get('cover');
  let cover: Awaited<ReturnType<typeof checkCoverUpload>> | null = null;
  if (file instanceof File && file.size > 0) {
    cover = await checkCoverUpload(file);
    if (!cover.ok) errors.cover = cover.error;
  }
  if (!parsed.success || Object.keys(errors).length > 0)
    return { ok: false as const, errors, values: safeValues(values) };
  const store = async (db: Executor) => (cover?.ok ? storeImage(db, cover, actorId) : null);
  return { ok: true as const, data: parsed.data, values: safeValues(values), store };
}

export const events = {
  register: defineAction({
    accept: 'form',
    handler: async (
      form,
      ctx,
    ): Promise<FormResult<{ status: 'confirmed' | 'waiting'; existing: boolean; name: string }>> => {
      const values = formToObject(form);
      const locale = localeOf(values);
      const parsed = RegistrationSchema.safeParse(values);
      if (!parsed.success) {
        const errors = { ...groupIssues(values), ...fieldErrors(parsed.error) };
        return invalid(localisedErrors(errors, locale), safeValues(values), t(locale, 'events.error.form'));
      }
      try {
        const db = await getDb();
        const hit = await hitRateLimit(
          db,
          `events:signup:ip:${ctx.locals.ip ?? 'unknown'}`,
          SIGNUP_LIMIT.windowSeconds,
        );
        if (hit.count > SIGNUP_LIMIT.perIp)
          return invalid({}, safeValues(values), t(locale, 'events.result.throttled'));
        const result = await registerForEvent(db, parsed.data, await eventsMailContext(db));
        if (result.ok)
          return {
            ok: true,
            data: {
              status: result.status,
              existing: result.existing,
              name: parsed.data.name.split(/\s+/)[0]!,
            },
          };
        if (result.reason === 'group_too_large') {
          return invalid(
            { groupSize: t(locale, 'events.result.groupTooLarge', { capacity: result.capacity }) },
            safeValues(values),
            t(locale, 'events.error.form'),
          );
        }
        return invalid({}, safeValues(values), t(locale, REASON_MESSAGE[result.reason]));
      } catch (error) {
        logError('registro', error);
        return invalid({}, safeValues(values), t(locale, 'error.db'));
      }
    },
  }),

  cancelRegistration: defineAction({
    accept: 'form',
    handler: async (form): Promise<FormResult<{ cancelled: true }>> => {
      const token = String(form.get('token') ?? '');
      try {
        const db = await getDb();
        const result = await cancelByToken(db, token, await eventsMailContext(db));
        if (result.ok) return { ok: true, data: { cancelled: true } };
        return invalid({}, {}, result.reason);
      } catch (error) {
        logError('cancelación', error);
        return invalid({}, {}, 'db');
      }
    },
  }),

  createEvent: defineAction({
    accept: 'form',
    handler: async (form, ctx): Promise<FormResult<{ id: number }>> => {
      const actor = requireUser(ctx, EVENT_MANAGERS);
      const parsed = await parseEventForm(form, actor.id);
      if (!parsed.ok) return invalid(parsed.errors, parsed.values, 'Revisa los campos marcados.');
      try {
        const db = await getDb();
        const mail = await eventsMailContext(db);
        // Stored inside the save's transaction, so a refused save leaves no orphan image.
        const coverId = parsed.store;
        const result = await createEvent(db, actor, parsed.data, mail.timeZone, coverId, {
          ip: ctx.locals.ip,
        });
        return result.ok
          ? { ok: true, data: { id: result.id } }
          : invalid(result.errors, parsed.values, 'Revisa los campos marcados.');
      } catch (error) {
        logError('crear evento', error);
        return invalid({}, parsed.values, STAFF_DB_ERROR);
      }
    },
  }),

  updateEvent: defineAction({
    accept: 'form',
    handler: async (form, ctx): Promise<FormResult<{ id: number; promoted: number }>> => {
      const actor = requireUser(ctx, EVENT_MANAGERS);
      const parsed = await parseEventForm(form, actor.id);
      if (!parsed.ok) return invalid(parsed.errors, parsed.values, 'Revisa los campos marcados.');
      if (!parsed.data.id) throw new ActionError({ code: 'BAD_REQUEST', message: 'Evento no válido.' });
      try {
        const db = await getDb();
        const mail = await eventsMailContext(db);
        // Stored inside the save's transaction, so a refused save leaves no orphan image.
        const coverId = parsed.store;
        const result = await updateEvent(
          db,
          actor,
          parsed.data.id,
          parsed.data,
          mail.timeZone,
          coverId,
          mail,
          { ip: ctx.locals.ip },
        );
        if (!result.ok && 'notFound' in result)
          throw new ActionError({ code: 'NOT_FOUND', message: 'Ese evento no existe.' });
        if (!result.ok)
          return invalid(result.errors, parsed.values, result.errors._form ?? 'Revisa los campos marcados.');
        return { ok: true, data: { id: result.id, promoted: result.promoted?.length ?? 0 } };
      } catch (error) {
        if (error instanceof ActionError) throw error;
        logError('guardar evento', error);
        return invalid({}, parsed.values, STAFF_DB_ERROR);
      }
    },
  }),

  publishEvent: defineAction({
    accept: 'form',
    handler: async (form, ctx): Promise<FormResult<{ id: number }>> => {
      const actor = requireUser(ctx, EVENT_MANAGERS);
      const id = Number(form.get('id'));
      if (!Number.isInteger(id) || id <= 0)
        throw new ActionError({ code: 'BAD_REQUEST', message: 'Evento no válido.' });
      try {
        const result = await publishEvent(await getDb(), actor, id, { ip: ctx.locals.ip });
        return result.ok ? { ok: true, data: { id } } : invalid({}, {}, result.error);
      } catch (error) {
        logError('publicar', error);
        return invalid({}, {}, STAFF_DB_ERROR);
      }
    },
  }),

  cancelEvent: defineAction({
    accept: 'form',
    handler: async (form, ctx): Promise<FormResult<{ id: number; notified: number }>> => {
      const actor = requireUser(ctx, EVENT_MANAGERS);
      const values = formToObject(form);
      const parsed = CancelEventSchema.safeParse(values);
      if (!parsed.success) return invalid(fieldErrors(parsed.error), safeValues(values));
      try {
        const db = await getDb();
        const result = await cancelEvent(
          db,
          actor,
          parsed.data.id,
          parsed.data.reason,
          await eventsMailContext(db),
          { ip: ctx.locals.ip },
        );
        return result.ok
          ? { ok: true, data: { id: parsed.data.id, notified: result.notified ?? 0 } }
          : invalid({}, safeValues(values), result.error);
      } catch (error) {
        logError('cancelar evento', error);
        return invalid({}, safeValues(values), STAFF_DB_ERROR);
      }
    },
  }),

  moveRegistration: defineAction({
    accept: 'form',
    handler: async (form, ctx): Promise<FormResult<{ id: number; to: string }>> => {
      const actor = requireUser(ctx, EVENT_MANAGERS);
      const id = Number(form.get('registrationId'));
      const to = String(form.get('to'));
      if (
        !Number.isInteger(id) ||
        id <= 0 ||
        (to !== 'confirmed' && to !== 'waiting' && to !== 'cancelled')
      ) {
        throw new ActionError({ code: 'BAD_REQUEST', message: 'Movimiento no válido.' });
      }
      try {
        const db = await getDb();
        const mail = await eventsMailContext(db);
        if (to === 'cancelled') {
          const result = await cancelRegistration(db, id, 'staff', mail);
          if (result.ok)
            await writeAudit(db, {
              actorUserId: actor.id,
              action: 'event.registration.cancelled',
              entity: 'event_registration',
              entityId: id,
              ip: ctx.locals.ip,
            });
          return result.ok
            ? { ok: true, data: { id, to } }
            : invalid({}, {}, 'Ese registro ya estaba cancelado.');
        }
        const result = await moveRegistration(db, actor, id, to, mail, { ip: ctx.locals.ip });
        return result.ok ? { ok: true, data: { id, to } } : invalid({}, {}, result.error);
      } catch (error) {
        logError('mover registro', error);
        return invalid({}, {}, STAFF_DB_ERROR);
      }
    },
  }),
};
