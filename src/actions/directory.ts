import { requireUser } from '~/lib/server/action-guard';
import { ActionError, defineAction } from 'astro:actions';
import { localDay } from '~/lib/time';
import {
  DIRECTORY_ROLES,
  addToOrganization,
  saveOrganization,
  saveService,
  verifyService,
} from '~/features/directory/directory.server';
import {
  ContactPersonSchema,
  LocationSchema,
  OrganizationSchema,
  PhoneSchema,
  SERVICE_MULTI,
  ServiceSchema,
  VerifySchema,
} from '~/features/directory/schemas';
import { t } from '~/i18n';
import { type FormResult, fieldErrors, formToObject, invalid, safeValues } from '~/lib/forms';
import { config } from '~/lib/server/config';
import { getDb } from '~/lib/server/db';
import { log } from '~/lib/server/log';

function dbFailure(error: unknown, values: Record<string, string | string[]>) {
  log.error({ area: 'directorio', err: error }, 'error de base de datos');
  return invalid({}, safeValues(values), t('es', 'error.db'));
}

const today = () => localDay(new Date(), config().timeZone);

export const directory = {
  saveOrganization: defineAction({
    accept: 'form',
    handler: async (form, ctx): Promise<FormResult<{ id: number }>> => {
      const user = requireUser(ctx, DIRECTORY_ROLES);
      const values = formToObject(form);
      const parsed = OrganizationSchema.safeParse(values);
      if (!parsed.success) return invalid(fieldErrors(parsed.error), safeValues(values));
      try {
        const r = await saveOrganization(await getDb(), user, parsed.data, { ip: ctx.locals.ip });
        return r.ok
          ? { ok: true, data: { id: r.id } }
          : invalid(r.errors, safeValues(values), r.errors._form);
      } catch (error) {
        return dbFailure(error, values);
      }
    },
  }),

  saveService: defineAction({
    accept: 'form',
    handler: async (form, ctx): Promise<FormResult<{ id: number }>> => {
      const user = requireUser(ctx, DIRECTORY_ROLES);
      const values = formToObject(form, SERVICE_MULTI);
      const parsed = ServiceSchema.safeParse(values);
      if (!parsed.success) return invalid(fieldErrors(parsed.error), safeValues(values));
      try {
        const r = await saveService(await getDb(), user, parsed.data, { ip: ctx.locals.ip }, today());
        return r.ok
          ? { ok: true, data: { id: r.id } }
          : invalid(r.errors, safeValues(values), r.errors._form);
      } catch (error) {
        return dbFailure(error, values);
      }
    },
  }),

  /** Location, phone or contact person: the form's `kind` field says which. */
  addItem: defineAction({
    accept: 'form',
    handler: async (form, ctx): Promise<FormResult<{ id: number }>> => {
      const user = requireUser(ctx, DIRECTORY_ROLES);
      const values = formToObject(form);
      const kind =
        values.kind === 'location' || values.kind === 'phone' || values.kind === 'contact'
          ? values.kind
          : null;
      if (!kind) throw new ActionError({ code: 'BAD_REQUEST', message: 'Formulario no válido.' });
      const schema =
        kind === 'location' ? LocationSchema : kind === 'phone' ? PhoneSchema : ContactPersonSchema;
      const parsed = schema.safeParse(values);
      if (!parsed.success) return invalid(fieldErrors(parsed.error), safeValues(values));
      try {
        const r = await addToOrganization(await getDb(), user, kind, parsed.data as never, {
          ip: ctx.locals.ip,
        });
        return r.ok
          ? { ok: true, data: { id: r.id } }
          : invalid(r.errors, safeValues(values), r.errors._form);
      } catch (error) {
        return dbFailure(error, values);
      }
    },
  }),

  verifyService: defineAction({
    accept: 'form',
    handler: async (form, ctx): Promise<FormResult<{ id: number }>> => {
      const user = requireUser(ctx, DIRECTORY_ROLES);
      const parsed = VerifySchema.safeParse(formToObject(form));
      if (!parsed.success) throw new ActionError({ code: 'BAD_REQUEST', message: 'Servicio no válido.' });
      try {
        const found = await verifyService(
          await getDb(),
          user,
          parsed.data.serviceId,
          { ip: ctx.locals.ip },
          today(),
        );
        if (!found) throw new ActionError({ code: 'NOT_FOUND', message: 'Ese servicio no existe.' });
        return { ok: true, data: { id: parsed.data.serviceId } };
      } catch (error) {
        if (error instanceof ActionError) throw error;
        return dbFailure(error, {});
      }
    },
  }),
};
