import { requireUser } from '~/lib/server/action-guard';
import { ActionError, defineAction } from 'astro:actions';
import type { ActionAPIContext } from 'astro:actions';
import { z } from 'astro/zod';
import { multiLine } from '~/lib/text';
import {
  addCaseNote,
  assignToCase,
  type CaseChangeResult,
  changeCaseStatus,
  unassignFromCase,
} from '~/features/cases/case-detail.server';
import { CASE_ROLES, createContact, discardDraft, saveDraft } from '~/features/cases/cases.server';
import { completeFollowUp, createFollowUp } from '~/features/cases/followups.server';
import {
  AssignSchema,
  CONTACT_MULTI,
  CaseNoteSchema,
  CaseStatusSchema,
  CategorySchema,
  CompleteFollowUpSchema,
  ContactSchema,
  FollowUpSchema,
  DailyLogSchema,
  RetentionSchema,
  OficioCreateSchema,
  SignOffSchema,
  OficioEventSchema,
} from '~/features/cases/schemas';
import { saveCategory } from '~/features/cases/taxonomy.server';
import { createReferral, recordReferralOutcome } from '~/features/cases/referrals.server';
import { applyOficioEvent, createOficio } from '~/features/cases/oficios.server';
import { saveDailyLog, signOffDailyLog } from '~/features/cases/bitacora.server';
import { anonymizeExpiredCases, setRetentionYears } from '~/features/cases/retention.server';
import { ReferralOutcomeSchema, ReferralSchema } from '~/features/directory/schemas';
import { localDay } from '~/lib/time';
import { t } from '~/i18n';
import { type FormResult, fieldErrors, formToObject, invalid, safeValues } from '~/lib/forms';
import { config } from '~/lib/server/config';
import { getDb } from '~/lib/server/db';
import { log } from '~/lib/server/log';

/** A database that cannot be reached is said so, and what was typed is kept. Never the data in the log. */
function dbFailure(area: string, error: unknown, values: Record<string, string | string[]>) {
  log.error({ area: `${area}`, err: error }, `error de base de datos`);
  return invalid({}, safeValues(values), t('es', 'error.db'));
}

/** Out-of-scope and missing records look the same: not found. */
function notFound(): never {
  throw new ActionError({ code: 'NOT_FOUND', message: 'No encontramos ese caso.' });
}

/** Shared shape of the small case forms: parse, run, map "not found" and field errors. */
function caseForm<S extends z.ZodType>(
  schema: S,
  area: string,
  run: (
    input: z.output<S>,
    user: NonNullable<ActionAPIContext['locals']['user']>,
    ip: string | null,
  ) => Promise<CaseChangeResult & { folio?: string; number?: string }>,
) {
  return defineAction({
    accept: 'form',
    handler: async (
      form,
      ctx,
    ): Promise<FormResult<{ folio?: string | undefined; number?: string | undefined }>> => {
      const user = requireUser(ctx, CASE_ROLES);
      const values = formToObject(form);
      const parsed = schema.safeParse(values);
      if (!parsed.success) return invalid(fieldErrors(parsed.error), safeValues(values));
      let result: CaseChangeResult & { folio?: string; number?: string };
      try {
        result = await run(parsed.data, user, ctx.locals.ip);
      } catch (error) {
        return dbFailure(area, error, values);
      }
      if (result.ok) return { ok: true, data: { folio: result.folio, number: result.number } };
      if (result.notFound) notFound();
      return invalid(result.errors, safeValues(values));
    },
  });
}

export const cases = {
  saveContact: defineAction({
    accept: 'form',
    handler: async (form, ctx): Promise<FormResult<{ folio: string | null; newCase: boolean }>> => {
      const user = requireUser(ctx, CASE_ROLES);
      const values = formToObject(form, CONTACT_MULTI);
      const parsed = ContactSchema.safeParse(values);
      if (!parsed.success) return invalid(fieldErrors(parsed.error), safeValues(values));
      try {
        const result = await createContact(
          await getDb(),
          user,
          parsed.data,
          { ip: ctx.locals.ip },
          config().timeZone,
        );
        return result.ok
          ? { ok: true, data: { folio: result.folio, newCase: result.newCase } }
          : invalid(result.errors, safeValues(values), result.errors._form);
      } catch (error) {
        return dbFailure('casos', error, values);
      }
    },
  }),

  /** Autosave from the entry island; JSON because it runs in the background while typing. */
  saveDraft: defineAction({
    accept: 'json',
    input: z.object({
      data: z.record(
        multiLine().max(100),
        z.union([multiLine().max(8000), z.array(multiLine().max(40)).max(100)]),
      ),
    }),
    handler: async ({ data }, ctx) => {
      const user = requireUser(ctx, CASE_ROLES);
      await saveDraft(await getDb(), user, data);
      return { savedAt: new Date().toISOString() };
    },
  }),

  discardDraft: defineAction({
    accept: 'form',
    handler: async (_form, ctx): Promise<FormResult<{ discarded: true }>> => {
      const user = requireUser(ctx, CASE_ROLES);
      try {
        await discardDraft(await getDb(), user);
        return { ok: true, data: { discarded: true } };
      } catch (error) {
        return dbFailure('casos', error, {});
      }
    },
  }),

  changeStatus: caseForm(CaseStatusSchema, 'casos', async (input, user, ip) =>
    changeCaseStatus(await getDb(), user, input.folio, input.status, { ip }),
  ),
  addNote: caseForm(CaseNoteSchema, 'casos', async (input, user, ip) =>
    addCaseNote(await getDb(), user, input.folio, input.body, { ip }),
  ),
  assign: caseForm(AssignSchema, 'casos', async (input, user, ip) =>
    assignToCase(await getDb(), user, input.folio, input.userId, { ip }),
  ),
  unassign: caseForm(AssignSchema, 'casos', async (input, user, ip) =>
    unassignFromCase(await getDb(), user, input.folio, input.userId, { ip }),
  ),
  createFollowUp: caseForm(FollowUpSchema, 'seguimientos', async (input, user, ip) =>
    createFollowUp(await getDb(), user, input, { ip }, localDay(new Date(), config().timeZone)),
  ),
  createReferral: caseForm(ReferralSchema, 'canalizaciones', async (input, user, ip) =>
    createReferral(await getDb(), user, input.folio, input.serviceId, input.notes, { ip }),
  ),
  recordReferralOutcome: caseForm(ReferralOutcomeSchema, 'canalizaciones', async (input, user, ip) =>
    recordReferralOutcome(await getDb(), user, input.id, input.outcome, input.outcomeNotes, { ip }),
  ),
  createOficio: caseForm(OficioCreateSchema, 'oficios', async (input, user, ip) =>
    createOficio(await getDb(), user, input, { ip }, config().timeZone),
  ),
  oficioEvent: caseForm(OficioEventSchema, 'oficios', async ({ number, ...event }, user, ip) =>
    applyOficioEvent(await getDb(), user, number, event, { ip }, localDay(new Date(), config().timeZone)),
  ),
  completeFollowUp: caseForm(CompleteFollowUpSchema, 'seguimientos', async (input, user, ip) =>
    completeFollowUp(await getDb(), user, input.id, input.outcome, { ip }),
  ),

  saveDailyLog: defineAction({
    accept: 'form',
    handler: async (form, ctx): Promise<FormResult<{ closed: boolean; day: string; shift: string }>> => {
      const user = requireUser(ctx, CASE_ROLES);
      const values = formToObject(form);
      const parsed = DailyLogSchema.safeParse(values);
      if (!parsed.success) return invalid(fieldErrors(parsed.error), safeValues(values));
      try {
        const { day, shift, notes, close } = parsed.data;
        const r = await saveDailyLog(await getDb(), user, day, shift, notes, close, { ip: ctx.locals.ip });
        return r.ok
          ? { ok: true, data: { closed: close, day, shift } }
          : invalid(r.errors, safeValues(values));
      } catch (error) {
        return dbFailure('bitacora', error, values);
      }
    },
  }),

  signOffDailyLog: defineAction({
    accept: 'form',
    handler: async (form, ctx): Promise<FormResult<{ id: number }>> => {
      const user = requireUser(ctx, ['admin', 'supervisor']);
      const parsed = SignOffSchema.safeParse(formToObject(form));
      if (!parsed.success) throw new ActionError({ code: 'BAD_REQUEST', message: 'Bitácora no válida.' });
      try {
        const r = await signOffDailyLog(await getDb(), user, parsed.data.id, { ip: ctx.locals.ip });
        return r.ok ? { ok: true, data: { id: parsed.data.id } } : invalid(r.errors, {}, r.errors._form);
      } catch (error) {
        return dbFailure('bitacora', error, {});
      }
    },
  }),

  setRetention: defineAction({
    accept: 'form',
    handler: async (form, ctx): Promise<FormResult<{ years: number }>> => {
      const user = requireUser(ctx, ['admin']);
      const values = formToObject(form);
      const parsed = RetentionSchema.safeParse(values);
      if (!parsed.success) return invalid(fieldErrors(parsed.error), safeValues(values));
      try {
        await setRetentionYears(await getDb(), user.id, parsed.data.years, ctx.locals.ip);
        return { ok: true, data: { years: parsed.data.years } };
      } catch (error) {
        return dbFailure('conservacion', error, values);
      }
    },
  }),

  runRetention: defineAction({
    accept: 'form',
    handler: async (_form, ctx): Promise<FormResult<{ anonymized: number }>> => {
      requireUser(ctx, ['admin']);
      try {
        return { ok: true, data: { anonymized: await anonymizeExpiredCases(await getDb()) } };
      } catch (error) {
        return dbFailure('conservacion', error, {});
      }
    },
  }),

  saveCategory: defineAction({
    accept: 'form',
    handler: async (form, ctx): Promise<FormResult<{ id: number }>> => {
      const user = requireUser(ctx, ['admin']);
      const values = formToObject(form);
      const parsed = CategorySchema.safeParse(values);
      if (!parsed.success) return invalid(fieldErrors(parsed.error), safeValues(values));
      try {
        const result = await saveCategory(await getDb(), user, parsed.data, { ip: ctx.locals.ip });
        return result.ok
          ? { ok: true, data: { id: result.id } }
          : invalid(result.errors, safeValues(values), result.errors._form);
      } catch (error) {
        return dbFailure('categorias', error, values);
      }
    },
  }),
};
