import { z } from 'astro/zod';
import { submitArcoRequest } from '~/features/arco/intake.server';
import { changeArcoStatus, setReceivedOn } from '~/features/arco/queue.server';
import {
  FULFIL_MESSAGES,
  type FulfilResult,
  buildAccessReport,
  cancelPersonalData,
  flagOpposition,
  parseFolios,
  rectifyContact,
  releaseAccessReport,
  reviewAccessReport,
  reviewAccessReportCases,
} from '~/features/arco/fulfil.server';
import {
  FolioOnlySchema,
  RectifyRequestSchema,
  ReceivedOnSchema,
  SearchSchema,
  StatusChangeSchema,
} from '~/features/arco/schemas';
import { PUBLIC } from '~/lib/policy';
import { SPAM_SECRET } from '~/lib/spam';
import { formAction } from '~/lib/server/action';

/** The public form's fields as typed: submitArcoRequest validates them (in Spanish or English). */
const Typed = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

const TRANSITION_MESSAGES = {
  not_found: 'Esa solicitud no existe.',
  not_allowed:
    'Ese cambio de estado no está permitido desde el estado actual (quizá alguien más la cambió). Recarga la página.',
  reason_required: 'Escribe qué información falta: se le enviará a la persona.',
  ground_required: 'Elige el fundamento legal de la improcedencia.',
  report_not_released:
    'Una solicitud de acceso se responde entregando el informe: revísalo y entrégalo primero.',
} as const;

const fulfilled = <T>(result: FulfilResult<T>) =>
  result.ok
    ? { ok: true as const, data: { done: true as const } }
    : { ok: false as const, formError: FULFIL_MESSAGES[result.reason] };

export const arco = {
  /** The public form (/derechos-arco and /en/derechos-arco). */
  submit: formAction({
    permission: PUBLIC,
    input: Typed,
    area: 'arco',
    secret: SPAM_SECRET,
    locale: (values) => (values.locale === 'en' ? 'en' : 'es'),
    write: true,
    run: async (ctx, values) => submitArcoRequest(ctx, values, values.locale === 'en' ? 'en' : 'es'),
  }),

  changeStatus: formAction({
    permission: 'privacy.manage',
    input: StatusChangeSchema,
    area: 'arco',
    write: true,
    run: async (ctx, input) => {
      const result = await changeArcoStatus(ctx, input);
      if (result.ok) return { ok: true, data: { folio: input.folio } };
      if (result.reason === 'reason_required')
        return { ok: false, errors: { reason: TRANSITION_MESSAGES.reason_required } };
      if (result.reason === 'ground_required')
        return { ok: false, errors: { ground: TRANSITION_MESSAGES.ground_required } };
      return { ok: false, formError: TRANSITION_MESSAGES[result.reason] };
    },
  }),

  setReceivedOn: formAction({
    permission: 'privacy.manage',
    input: ReceivedOnSchema,
    area: 'arco',
    write: true,
    run: async (ctx, input) => {
      const result = await setReceivedOn(ctx, input);
      return result.ok ? { ok: true, data: { folio: input.folio } } : result;
    },
  }),

  buildReport: formAction({
    permission: 'privacy.manage',
    input: SearchSchema,
    area: 'arco',
    write: true,
    run: async (ctx, input) =>
      fulfilled(
        await buildAccessReport(ctx, {
          folio: input.folio,
          email: input.email,
          phone: input.phone,
          folios: parseFolios(input.folios),
        }),
      ),
  }),

  reviewReport: formAction({
    permission: 'privacy.manage',
    input: FolioOnlySchema,
    area: 'arco',
    write: true,
    malformed: 'Recarga la página e inténtalo de nuevo.',
    run: async (ctx, input) => fulfilled(await reviewAccessReport(ctx, input.folio)),
  }),

  reviewCases: formAction({
    permission: 'privacy.manage',
    input: FolioOnlySchema,
    area: 'arco',
    write: true,
    malformed: 'Recarga la página e inténtalo de nuevo.',
    run: async (ctx, input) => fulfilled(await reviewAccessReportCases(ctx, input.folio)),
  }),

  releaseReport: formAction({
    permission: 'privacy.manage',
    input: FolioOnlySchema,
    area: 'arco',
    write: true,
    malformed: 'Recarga la página e inténtalo de nuevo.',
    run: async (ctx, input) => fulfilled(await releaseAccessReport(ctx, input.folio)),
  }),

  rectify: formAction({
    permission: 'privacy.manage',
    input: RectifyRequestSchema,
    area: 'arco',
    write: true,
    run: async (ctx, input) => fulfilled(await rectifyContact(ctx, input)),
  }),

  cancelData: formAction({
    permission: 'privacy.manage',
    input: SearchSchema,
    area: 'arco',
    write: true,
    run: async (ctx, input) =>
      fulfilled(
        await cancelPersonalData(ctx, {
          folio: input.folio,
          email: input.email,
          phone: input.phone,
          folios: parseFolios(input.folios),
        }),
      ),
  }),

  flagOpposition: formAction({
    permission: 'privacy.manage',
    input: FolioOnlySchema,
    area: 'arco',
    write: true,
    malformed: 'Recarga la página e inténtalo de nuevo.',
    run: async (ctx, input) => fulfilled(await flagOpposition(ctx, input.folio)),
  }),
};
