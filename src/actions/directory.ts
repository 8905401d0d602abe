import { signedIn } from '~/lib/server/context';
import { z } from 'astro/zod';
import { localDay } from '~/lib/time';
import {
  addToOrganization,
  changeOrganizationItem,
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
    run: async (ctx, input) => asForm(await saveService(signedIn(ctx), input)),
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

  /** Edits a location, phone or contact person (`kind` + `id`), with the same fields as adding it. */
  updateItem: formAction({
    permission: 'directory.edit',
    input: z.looseObject({ kind: z.string().optional(), itemId: z.coerce.number().int().positive() }),
    area: 'directorio',
    malformed: 'Formulario no válido.',
    write: true,
    run: async (ctx, values) => {
      const kind = values.kind;
      if (kind !== 'location' && kind !== 'phone' && kind !== 'contact')
        throw badRequest('Formulario no válido.');
      const parsed = ITEM_SCHEMAS[kind].safeParse(values);
      if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error) };
      const data = parsed.data as { organizationId: number; serviceId?: number | undefined };
      const r = await changeOrganizationItem(signedIn(ctx), kind, values.itemId, {
        organizationId: data.organizationId,
        serviceId: data.serviceId,
        values: parsed.data,
      });
      if (!r.ok && r.errors._form) throw notFound(r.errors._form);
      return asForm(r);
    },
  }),

  /** Retires a location, phone or contact person: gone from the directory, kept for history. */
  retireItem: formAction({
    permission: 'directory.edit',
    input: z.object({
      kind: z.enum(['location', 'phone', 'contact']),
      itemId: z.coerce.number().int().positive(),
      organizationId: z.coerce.number().int().positive(),
    }),
    area: 'directorio',
    malformed: 'Formulario no válido.',
    secret: 'all',
    write: true,
    run: async (ctx, input) => {
      const r = await changeOrganizationItem(signedIn(ctx), input.kind, input.itemId, {
        retire: true,
        organizationId: input.organizationId,
      });
      if (!r.ok) throw notFound(r.errors._form ?? 'Ese dato ya no está en el directorio.');
      return { ok: true, data: { id: r.id, retired: input.kind } };
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
