import { signedIn } from '~/lib/server/context';
import { z } from 'astro/zod';
import { saveWorkshop } from '~/features/requests/catalogue.server';
import {
  cancelByRequester,
  changeStatusByStaff,
  evaluateRequest,
} from '~/features/requests/lifecycle.server';
import type { MailContext } from '~/features/requests/mails';
import { recoverRequestLink } from '~/features/requests/recovery.server';
import { submitRequest } from '~/features/requests/requests.server';
import {
  CancelSchema,
  EvaluationSchema,
  recoverLinkSchema,
  StatusChangeSchema,
  WorkshopSchema,
} from '~/features/requests/schemas';
import { t } from '~/i18n';
import { PUBLIC } from '~/lib/policy';
import { SPAM_SECRET } from '~/lib/spam';
import { formAction, notFound } from '~/lib/server/action';
import { fieldErrors } from '~/lib/forms';
import type { RequestContext } from '~/lib/server/context';

/** The requests feature's mails also say the organisation's time zone. */
async function requestMail(ctx: RequestContext): Promise<MailContext> {
  return { ...(await ctx.mail()), timeZone: ctx.zone };
}

const TRANSITION_MESSAGES = {
  not_found: 'Esa solicitud no existe.',
  not_allowed:
    'Ese cambio de estado no está permitido desde el estado actual (quizá alguien más la cambió). Recarga la página.',
  reason_required: 'Escribe el motivo: se le mostrará a quien hizo la solicitud.',
} as const;

/** The public form's fields as typed: submitRequest validates them itself (live validation shares it). */
const Typed = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

export const requests = {
  /** The public form. Also the path the property test drives (through submitRequest). */
  submit: formAction({
    permission: PUBLIC,
    input: Typed,
    area: 'solicitudes',
    multi: ['topics'],
    secret: SPAM_SECRET,
    locale: (values) => (values.locale === 'en' ? 'en' : 'es'),
    run: async (ctx, values) =>
      submitRequest(ctx.db, values, {
        ip: ctx.ip,
        locale: values.locale === 'en' ? 'en' : 'es',
        mail: await requestMail(ctx),
      }),
  }),

  /** "¿Perdiste tu enlace?": the same answer whether or not the folio and e-mail match. */
  recoverLink: formAction({
    permission: PUBLIC,
    input: Typed,
    area: 'solicitudes',
    locale: (values) => (values.locale === 'en' ? 'en' : 'es'),
    run: async (ctx, values) => {
      const locale = values.locale === 'en' ? 'en' : 'es';
      const parsed = recoverLinkSchema(locale).safeParse(values);
      if (!parsed.success)
        return { ok: false, errors: fieldErrors(parsed.error), formError: t(locale, 'recover.fix') };
      const result = await recoverRequestLink(ctx, { ...parsed.data, locale });
      if (!result.ok)
        return { ok: false, formError: t(locale, 'recover.throttled', { minutes: result.minutes }) };
      return { ok: true, data: { sent: true as const } };
    },
  }),

  cancel: formAction({
    permission: PUBLIC,
    input: CancelSchema,
    area: 'solicitudes',
    secret: ['token'],
    write: true,
    run: async (ctx, input) => {
      const result = await cancelByRequester(
        ctx.db,
        input.token,
        input.reason,
        { ip: ctx.ip },
        await requestMail(ctx),
      );
      if (result.ok) return { ok: true, data: { cancelled: true as const } };
      if (result.reason === 'not_found') throw notFound('No encontramos esta solicitud.');
      return { ok: false, formError: t('es', 'st.cannotCancel') };
    },
  }),

  evaluate: formAction({
    permission: PUBLIC,
    input: EvaluationSchema,
    area: 'solicitudes',
    secret: ['token'],
    write: true,
    run: async (ctx, input) => {
      const result = await evaluateRequest(ctx.db, input);
      if (result.ok) return { ok: true, data: { saved: true as const } };
      if (result.reason === 'not_found') throw notFound('No encontramos esta solicitud.');
      return {
        ok: false,
        formError: result.reason === 'already' ? t('es', 'st.evalAlready') : t('es', 'st.evalNotYet'),
      };
    },
  }),

  changeStatus: formAction({
    permission: 'requests.manage',
    input: StatusChangeSchema,
    area: 'solicitudes',
    write: true,
    run: async (ctx, input) => {
      const result = await changeStatusByStaff(signedIn(ctx), input, await requestMail(ctx));
      if (result.ok) return { ok: true, data: { id: input.id } };
      if (result.reason === 'reason_required')
        return { ok: false, errors: { reason: TRANSITION_MESSAGES.reason_required } };
      return { ok: false, formError: TRANSITION_MESSAGES[result.reason] };
    },
  }),

  saveWorkshop: formAction({
    permission: 'admin.catalogue',
    input: WorkshopSchema,
    area: 'catálogo',
    write: true,
    run: async (ctx, input) => {
      const result = await saveWorkshop(signedIn(ctx), input);
      if (result.ok) return { ok: true, data: { id: result.id } };
      if (result.notFound) return { ok: false, formError: 'Ese taller no existe.' };
      return { ok: false, errors: result.errors };
    },
  }),
};
