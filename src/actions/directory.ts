import { signedIn } from '~/lib/server/context';
import { z } from 'astro/zod';
import { localDay } from '~/lib/time';
import {
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
import { fieldErrors } from '~/lib/forms';
import { badRequest, formAction, notFound } from '~/lib/server/action';
import type { RequestContext } from '~/lib/server/context';

const today = (ctx: RequestContext) => localDay(ctx.now(), ctx.zone);

/** A directory save as the form shape: its `_form` message shown above the form too. */
const asForm = (r: { ok: true; id: number } | { ok: false; errors: Record<string, string> }) =>
  r.ok
    ? { ok: true as const, data: { id: r.id } }
    : { ok: false as const, errors: r.errors, formError: r.errors._form };

const ITEM_SCHEMAS = { location: LocationSchema, phone: PhoneSchema, contact: ContactPersonSchema } as const;

export const directory = {
  saveOrganization: formAction({
    permission: 'directory.edit',
    input: OrganizationSchema,
    area: 'directorio',
    write: true,
    run: async (ctx, input) => asForm(await saveOrganization(signedIn(ctx), input)),
  }),

  saveService: formAction({
    permission: 'directory.edit',
    input: ServiceSchema,
    area: 'directorio',
    multi: SERVICE_MULTI,
    write: true,
    run: async (ctx, input) => asForm(await saveService(signedIn(ctx), input, today(ctx))),
  }),

  /** Location, phone or contact person: the form's `kind` field says which. */
  addItem: formAction({
    permission: 'directory.edit',
    input: z.looseObject({ kind: z.string().optional() }),
    area: 'directorio',
    write: true,
    run: async (ctx, values) => {
      const kind = values.kind;
      if (kind !== 'location' && kind !== 'phone' && kind !== 'contact')
        throw badRequest('Formulario no válido.');
      const parsed = ITEM_SCHEMAS[kind].safeParse(values);
      if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
      return asForm(await addToOrganization(signedIn(ctx), kind, parsed.data as never));
    },
  }),

  verifyService: formAction({
    permission: 'directory.edit',
    input: VerifySchema,
    area: 'directorio',
    malformed: 'Servicio no válido.',
    secret: 'all',
    write: true,
    run: async (ctx, input) => {
      const found = await verifyService(signedIn(ctx), input.serviceId, today(ctx));
      if (!found) throw notFound('Ese servicio no existe.');
      return { ok: true, data: { id: input.serviceId } };
    },
  }),
};
