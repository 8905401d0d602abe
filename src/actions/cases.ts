import { signedIn } from '~/lib/server/context';
import { z } from 'astro/zod';
import { multiLine } from '~/lib/text';
import {
  addCaseNote,
  assignToCase,
  type CaseChangeResult,
  changeCaseStatus,
  unassignFromCase,
} from '~/features/cases/case-detail.server';
import { createContact, discardDraft, saveDraft } from '~/features/cases/cases.server';
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
import { formAction, jsonAction, notFound } from '~/lib/server/action';
import type { RequestContext } from '~/lib/server/context';
import type { Permission } from '~/lib/policy';

const today = (ctx: RequestContext) => localDay(ctx.now(), ctx.zone);
/** Out-of-scope and missing records look the same: not found. */
const caseNotFound = () => notFound('No encontramos ese caso.');
/** A save's `_form` message, shown above the form as well as under its field. */
const withFormError = (errors: Record<string, string>) => ({
  ok: false as const,
  errors,
  formError: errors._form,
});

/**
 * The small case forms: one case (by folio, inside the actor's scope in the query), one change,
 * in one transaction. A record outside the scope answers "not found".
 */
function caseForm<S extends z.ZodType>(
  permission: Permission,
  input: S,
  area: string,
  run: (
    ctx: RequestContext,
    input: z.output<S>,
  ) => Promise<CaseChangeResult & { folio?: string; number?: string }>,
) {
  return formAction({
    permission,
    input,
    area,
    write: true,
    run: async (ctx, data) => {
      const result = await run(ctx, data);
      if (result.ok) return { ok: true, data: { folio: result.folio, number: result.number } };
      if (result.notFound) throw caseNotFound();
      return { ok: false, errors: result.errors };
    },
  });
}

export const cases = {
  saveContact: formAction({
    permission: 'cases.write',
    input: ContactSchema,
    area: 'casos',
    multi: CONTACT_MULTI,
    write: true,
    run: async (ctx, input) => {
      const result = await createContact(signedIn(ctx), input);
      return result.ok
        ? { ok: true, data: { folio: result.folio, newCase: result.newCase } }
        : withFormError(result.errors);
    },
  }),

  /** Autosave from the entry island; JSON because it runs in the background while typing. */
  saveDraft: jsonAction({
    permission: 'cases.write',
    input: z.object({
      data: z.record(
        multiLine().max(100),
        z.union([multiLine().max(8000), z.array(multiLine().max(40)).max(100)]),
      ),
    }),
    area: 'casos',
    write: true,
    run: async (ctx, { data }) => {
      await saveDraft(ctx.db, ctx.user!, data);
      return { savedAt: ctx.now().toISOString() };
    },
  }),

  discardDraft: formAction({
    permission: 'cases.write',
    input: z.object({}),
    area: 'casos',
    write: true,
    run: async (ctx) => {
      await discardDraft(ctx.db, ctx.user!);
      return { ok: true, data: { discarded: true as const } };
    },
  }),

  changeStatus: caseForm('cases.write', CaseStatusSchema, 'casos', (ctx, input) =>
    changeCaseStatus(signedIn(ctx), input.folio, input.status),
  ),
  addNote: caseForm('cases.write', CaseNoteSchema, 'casos', (ctx, input) =>
    addCaseNote(signedIn(ctx), input.folio, input.body),
  ),
  assign: caseForm('cases.write', AssignSchema, 'casos', (ctx, input) =>
    assignToCase(signedIn(ctx), input.folio, input.userId),
  ),
  unassign: caseForm('cases.write', AssignSchema, 'casos', (ctx, input) =>
    unassignFromCase(signedIn(ctx), input.folio, input.userId),
  ),
  createFollowUp: caseForm('cases.write', FollowUpSchema, 'seguimientos', (ctx, input) =>
    createFollowUp(signedIn(ctx), input, today(ctx)),
  ),
  createReferral: caseForm('cases.write', ReferralSchema, 'canalizaciones', (ctx, input) =>
    createReferral(signedIn(ctx), input.folio, input.serviceId, input.notes),
  ),
  recordReferralOutcome: caseForm('cases.write', ReferralOutcomeSchema, 'canalizaciones', (ctx, input) =>
    recordReferralOutcome(signedIn(ctx), input.id, input.outcome, input.outcomeNotes),
  ),
  createOficio: caseForm('cases.write', OficioCreateSchema, 'oficios', (ctx, input) =>
    createOficio(signedIn(ctx), input),
  ),
  oficioEvent: caseForm('cases.write', OficioEventSchema, 'oficios', (ctx, { number, ...event }) =>
    applyOficioEvent(signedIn(ctx), number, event, today(ctx)),
  ),
  completeFollowUp: caseForm('cases.write', CompleteFollowUpSchema, 'seguimientos', (ctx, input) =>
    completeFollowUp(signedIn(ctx), input.id, input.outcome),
  ),

  saveDailyLog: formAction({
    permission: 'dailylog.write',
    input: DailyLogSchema,
    area: 'bitacora',
    write: true,
    run: async (ctx, { day, shift, notes, close }) => {
      const r = await saveDailyLog(signedIn(ctx), day, shift, notes, close);
      return r.ok ? { ok: true, data: { closed: close, day, shift } } : { ok: false, errors: r.errors };
    },
  }),

  signOffDailyLog: formAction({
    permission: 'dailylog.signoff',
    input: SignOffSchema,
    area: 'bitacora',
    malformed: 'Bitácora no válida.',
    secret: 'all',
    write: true,
    run: async (ctx, input) => {
      const r = await signOffDailyLog(signedIn(ctx), input.id);
      return r.ok ? { ok: true, data: { id: input.id } } : withFormError(r.errors);
    },
  }),

  setRetention: formAction({
    permission: 'admin.retention',
    input: RetentionSchema,
    area: 'conservacion',
    write: true,
    run: async (ctx, input) => {
      await setRetentionYears(ctx.db, ctx.user!.id, input.years, ctx.ip);
      return { ok: true, data: { years: input.years } };
    },
  }),

  /** Anonymises in batches, each its own transaction: not one long one. */
  runRetention: formAction({
    permission: 'admin.retention',
    input: z.object({}),
    area: 'conservacion',
    run: async (ctx) => ({ ok: true, data: { anonymized: await anonymizeExpiredCases(ctx.db, ctx.now()) } }),
  }),

  saveCategory: formAction({
    permission: 'admin.categories',
    input: CategorySchema,
    area: 'categorias',
    write: true,
    run: async (ctx, input) => {
      const result = await saveCategory(signedIn(ctx), input);
      return result.ok ? { ok: true, data: { id: result.id } } : withFormError(result.errors);
    },
  }),
};
