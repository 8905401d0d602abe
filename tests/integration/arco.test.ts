import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import type { Db } from '~db/client';
import {
  arcoHistory,
  arcoPauses,
  arcoRequests,
  auditLog,
  caseCategories,
  cases,
  contacts,
  eventRegistrations,
  mailOutbox,
  users,
  workshopRequests,
} from '~db/schema';
import { createContact } from '~/features/cases/cases.server';
import { ContactSchema } from '~/features/cases/schemas';
import { registerForEvent } from '~/features/events/registration.server';
import { queueEventReminders } from '~/features/events/reminders.server';
import { submitRequest } from '~/features/requests/requests.server';
import { findArcoByToken, submitArcoRequest } from '~/features/arco/intake.server';
import {
  arcoDeadlineAlerts,
  changeArcoStatus,
  loadArcoDetail,
  queueArcoDeadlineMails,
  setReceivedOn,
} from '~/features/arco/queue.server';
import {
  buildAccessReport,
  cancelPersonalData,
  flagOpposition,
  rectifyContact,
  releaseAccessReport,
  reviewAccessReport,
  reviewAccessReportCases,
} from '~/features/arco/fulfil.server';
import { type RequestContext, makeContext, makeStaffContext, withDb } from '~/lib/server/context';
import { getCurrentPrivacyNotice } from '~/lib/server/privacy';
import { isContactSuppressed } from '~/lib/server/mail/suppressions';
import { describeEachDb } from '../helpers/db';
import { makeEvent, mailCtx, signup } from '../helpers/events';
import { MAIL, seedCatalogue, validForm } from '../helpers/requests';

const ZONE = 'America/Chihuahua';
const PERSON = { email: 'martha.ontiveros@correo.test', phone: '+526561234567' };

describeEachDb('ARCO rights', (ctx) => {
  let n = 0;
  async function staff(role: 'admin' | 'supervisor' | 'operator', grants: string[] = []) {
    const [u] = await ctx.db
      .insert(users)
      .values({
        name: `Persona ${++n}`,
        email: `arco${n}-${Math.random().toString(36).slice(2, 7)}@vinculo.test`,
        role,
        grants,
      })
      .returning();
    return { id: u!.id, email: u!.email, name: u!.name, role, grants };
  }
  const at = (iso: string) => () => new Date(iso);
  function context(
    user: Awaited<ReturnType<typeof staff>> | null,
    now = '2026-11-13T18:00:00Z',
  ): RequestContext {
    return makeContext({ db: ctx.db, user, ip: '203.0.113.9', now: at(now), zone: ZONE });
  }
  /** As the action pipeline runs a writing action: in one transaction. */
  const inTx = <T>(c: RequestContext, run: (c: RequestContext) => Promise<T>) =>
    c.db.transaction((tx) => run(withDb(c, tx as unknown as Db)));

  async function form(overrides: Record<string, string> = {}) {
    const notice = await getCurrentPrivacyNotice(ctx.db, 'integral');
    return {
      locale: 'es',
      website: '',
      privacyNoticeId: String(notice!.id),
      right: 'access',
      requesterKind: 'self',
      holderName: 'Martha Alicia Ontiveros Peña',
      representativeName: '',
      email: PERSON.email,
      phone: '656 123 4567',
      referenceKind: 'request',
      reference: '',
      description: 'Quiero saber qué datos míos tienen.',
      identityMethod: 'in_person',
      consent: 'on',
      ...overrides,
    };
  }

  /** Posts the public form at `now` (filled in over the minute before). */
  async function submit(overrides: Record<string, string> = {}, now = '2026-11-13T18:00:00Z') {
    const values = { ...(await form()), startedAt: String(new Date(now).getTime() - 60_000), ...overrides };
    return inTx(context(null, now), (t) => submitArcoRequest(t, values, 'es'));
  }

  it('takes the public form: folio, private link, consent with the notice version, mails without data to staff', async () => {
    const admin = await staff('admin');
    await staff('supervisor', ['privacy']);
    await staff('supervisor');
    const result = await submit();
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.folio).toMatch(/^ARCO-2026-\d{4}$/);
    const [row] = await ctx.db.select().from(arcoRequests).where(eq(arcoRequests.folio, result.data.folio));
    expect(row!.tokenHash).not.toContain(result.data.token!);
    expect(row!.receivedOn).toBe('2026-11-13');
    expect(row!.phone).toBe(PERSON.phone);
    expect(row!.privacyNoticeId).toBe((await getCurrentPrivacyNotice(ctx.db, 'integral'))!.id);
    const view = await findArcoByToken(context(null), result.data.token!);
    expect(view?.request.folio).toBe(result.data.folio);
    expect(view?.deadline.answerBy).toBe('2026-12-14');
    expect(await findArcoByToken(context(null), 'a'.repeat(32))).toBeNull();
    // The person, the admin and the granted supervisor get mail; the other supervisor does not.
    const mails = await ctx.db.select().from(mailOutbox);
    const mine = mails.filter((m) => m.template.startsWith('arco.'));
    expect(mine.some((m) => m.toAddress === PERSON.email && m.text.includes(result.data.token!))).toBe(true);
    const staffMails = mine.filter((m) => m.template === 'arco.notify-staff');
    expect(staffMails.map((m) => m.toAddress)).toContain(admin.email);
    expect(staffMails).toHaveLength(2);
    for (const m of staffMails) {
      expect(m.text).not.toContain('Ontiveros');
      expect(m.text).not.toContain(PERSON.email);
    }
    // A double click gives the same folio, not a second request.
    const again = await submit();
    expect(again.ok && again.data.duplicate && again.data.folio).toBe(result.data.folio);
  });

  it('refuses bad input beside the field and a representative without proof, saving nothing', async () => {
    const before = (await ctx.db.select().from(arcoRequests)).length;
    const bad = await submit({ email: 'no-es-correo', right: 'nada' });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors.email).toMatch(/correo/);
    expect(bad.errors.right).toMatch(/derecho/);
    const rep = await submit({ requesterKind: 'representative', identityMethod: 'in_person' });
    expect(rep.ok).toBe(false);
    if (rep.ok) return;
    expect(rep.errors.representativeName).toMatch(/representante/);
    expect(rep.errors.identityMethod).toMatch(/representación/);
    const tooFast = await submit({ startedAt: String(new Date('2026-11-13T17:59:59Z').getTime()) });
    expect(tooFast.ok).toBe(false);
    expect((await ctx.db.select().from(arcoRequests)).length).toBe(before);
  });

  it('walks the statuses by the table, pauses the clock while waiting for information, and audits each step', async () => {
    const admin = await staff('admin');
    const created = await submit({ description: 'Otra solicitud, para el flujo.' });
    if (!created.ok) throw new Error('submit');
    const folio = created.data.folio;
    // Not allowed: answering an access request without a released report; jumping to en trámite.
    expect(
      await inTx(context(admin), (c) => changeArcoStatus(c, { folio, to: 'in_progress', reason: '' })),
    ).toEqual({
      ok: false,
      reason: 'not_allowed',
    });
    expect(
      await inTx(context(admin), (c) => changeArcoStatus(c, { folio, to: 'needs_info', reason: '' })),
    ).toEqual({
      ok: false,
      reason: 'reason_required',
    });
    // Asked on Wednesday 18 Nov; the information arrives Friday 20 Nov: 19 and 20 Nov do not count.
    const asked = await inTx(context(admin, '2026-11-18T17:00:00Z'), (c) =>
      changeArcoStatus(c, { folio, to: 'needs_info', reason: 'Envíanos una identificación.' }),
    );
    expect(asked.ok).toBe(true);
    const paused = await loadArcoDetail(context(admin, '2026-11-19T17:00:00Z'), folio);
    expect(paused!.deadline.state).toBe('paused');
    expect(paused!.deadline.answerBy).toBeNull();
    await inTx(context(admin, '2026-11-20T17:00:00Z'), (c) =>
      changeArcoStatus(c, { folio, to: 'identity_verified', reason: '' }),
    );
    const [pause] = await ctx.db
      .select()
      .from(arcoPauses)
      .innerJoin(arcoRequests, eq(arcoRequests.id, arcoPauses.requestId))
      .where(eq(arcoRequests.folio, folio));
    expect(pause!.arco_pauses).toMatchObject({ fromDay: '2026-11-19', toDay: '2026-11-20' });
    const resumed = await loadArcoDetail(context(admin, '2026-11-23T17:00:00Z'), folio);
    // 20 business days from 13 Nov is 14 Dec; two paused days move it to 16 Dec.
    expect(resumed!.deadline.answerBy).toBe('2026-12-16');
    expect(resumed!.deadline.restDays.map((d) => d.date)).toContain('2026-11-16');
    // Improcedente needs its legal ground, and then it is final.
    expect(
      await inTx(context(admin), (c) => changeArcoStatus(c, { folio, to: 'rejected', reason: '' })),
    ).toEqual({
      ok: false,
      reason: 'ground_required',
    });
    expect(
      (
        await inTx(context(admin), (c) =>
          changeArcoStatus(c, { folio, to: 'rejected', reason: '', ground: 'not_held' }),
        )
      ).ok,
    ).toBe(true);
    expect(
      await inTx(context(admin), (c) => changeArcoStatus(c, { folio, to: 'in_progress', reason: '' })),
    ).toEqual({
      ok: false,
      reason: 'not_allowed',
    });
    const history = await ctx.db
      .select({ to: arcoHistory.toStatus })
      .from(arcoHistory)
      .innerJoin(arcoRequests, eq(arcoRequests.id, arcoHistory.requestId))
      .where(eq(arcoRequests.folio, folio));
    expect(history.map((h) => h.to)).toEqual(['received', 'needs_info', 'identity_verified', 'rejected']);
    const [req] = await ctx.db.select().from(arcoRequests).where(eq(arcoRequests.folio, folio));
    expect(req!.statusReason).toMatch(/No tenemos datos personales/);
    const audits = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entity, 'arco_request'), eq(auditLog.entityId, String(req!.id))));
    expect(audits.filter((a) => a.action === 'arco.transition')).toHaveLength(3);
  });

  it('records a paper request’s date and counts the deadline from it, across a holiday', async () => {
    const admin = await staff('admin');
    const created = await submit(
      { description: 'Entregada en papel en la oficina.' },
      '2026-11-20T18:00:00Z',
    );
    if (!created.ok) throw new Error('submit');
    const refused = await inTx(context(admin, '2026-11-20T18:00:00Z'), (c) =>
      setReceivedOn(c, { folio: created.data.folio, receivedOn: '2026-11-21', reason: 'Escrito en papel' }),
    );
    expect(refused.ok).toBe(false);
    await inTx(context(admin, '2026-11-20T18:00:00Z'), (c) =>
      setReceivedOn(c, { folio: created.data.folio, receivedOn: '2026-11-13', reason: 'Escrito en papel' }),
    );
    const d = await loadArcoDetail(context(admin, '2026-11-20T18:00:00Z'), created.data.folio);
    expect(d!.deadline.answerBy).toBe('2026-12-14');
    expect(d!.deadline.effectiveBy).toBe('2027-01-06');
    expect(d!.trail.map((e) => e.action)).toContain('arco.received_on');
  });

  it('finds what each feature holds by e-mail, phone and folio, and releases it only after both reviews', async () => {
    const admin = await staff('admin');
    const sup = await staff('supervisor', ['privacy']);
    const operator = await staff('operator');
    // A workshop request, an event registration and a case with this person's contact details.
    const topics = await seedCatalogue(ctx.db);
    const req = await submitRequest(
      ctx.db,
      await validForm(ctx.db, topics.active, { contactEmail: PERSON.email, contactPhone: '656 123 4567' }),
      { ip: null, locale: 'es', mail: MAIL },
    );
    if (!req.ok) throw new Error('request');
    const event = await makeEvent(ctx.db);
    const reg = await registerForEvent(
      ctx.db,
      await signup(ctx.db, event.slug, { email: PERSON.email, name: 'Martha Ontiveros' }),
      mailCtx,
    );
    expect(reg.ok).toBe(true);
    const [cat] = await ctx.db
      .select({ id: caseCategories.id })
      .from(caseCategories)
      .where(eq(caseCategories.name, 'Fraude'));
    const saved = await createContact(
      makeStaffContext({ db: ctx.db, user: operator, ip: null, zone: ZONE }),
      ContactSchema.parse({
        channel: 'phone',
        durationMinutes: '10',
        callType: 'data',
        callerRole: 'victim',
        personName: 'Martha Ontiveros',
        ageRange: '30-44',
        followUpConsent: 'on',
        followUpPhone: '656 123 4567',
        privacyNoticeGiven: 'on',
        categories: [cat!.id],
        summary: 'Llamó por una extorsión telefónica.',
      }),
    );
    if (!saved.ok) throw new Error('case');
    // Someone else's data must not come back.
    await submitRequest(
      ctx.db,
      await validForm(ctx.db, topics.active, {
        contactEmail: 'otra@correo.test',
        contactPhone: '614 999 8877',
        institutionName: 'Otra escuela',
      }),
      { ip: null, locale: 'es', mail: MAIL },
    );

    const created = await submit({ description: 'Acceso completo.' });
    if (!created.ok) throw new Error('submit');
    const folio = created.data.folio;
    const terms = { folio, email: PERSON.email, phone: PERSON.phone, folios: [] as string[] };
    expect(await inTx(context(sup), (c) => buildAccessReport(c, terms))).toEqual({
      ok: false,
      reason: 'not_verified',
    });
    await inTx(context(sup), (c) => changeArcoStatus(c, { folio, to: 'identity_verified', reason: '' }));
    const built = await inTx(context(sup), (c) => buildAccessReport(c, terms));
    expect(built).toEqual({ ok: true, data: { sections: 3 } });
    const detail = await loadArcoDetail(context(sup), folio);
    expect(detail!.request.status).toBe('in_progress');
    expect(detail!.report!.sections.map((s) => s.kind).sort()).toEqual(['case', 'registration', 'request']);
    expect(detail!.report!.sections.find((s) => s.kind === 'request')!.ref).toBe(req.data.folio);
    expect(JSON.stringify(detail!.report!.sections)).not.toContain('Otra escuela');
    expect(JSON.stringify(detail!.report!.sections)).toContain('extorsión telefónica');
    // The case read is audited like any other.
    const reads = await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'case.read'));
    expect(reads.some((a) => (a.details as { arco?: string } | null)?.arco === folio)).toBe(true);

    expect(await inTx(context(sup), (c) => releaseAccessReport(c, folio))).toEqual({
      ok: false,
      reason: 'not_reviewed',
    });
    expect((await inTx(context(sup), (c) => reviewAccessReport(c, folio))).ok).toBe(true);
    expect(await inTx(context(sup), (c) => releaseAccessReport(c, folio))).toEqual({
      ok: false,
      reason: 'cases_not_reviewed',
    });
    // The case review is a supervisor's (or coordination's); an operator is refused even if asked directly.
    expect(await inTx(context(operator), (c) => reviewAccessReportCases(c, folio))).toEqual({
      ok: false,
      reason: 'not_supervisor',
    });
    expect((await inTx(context(admin), (c) => reviewAccessReportCases(c, folio))).ok).toBe(true);
    // Before release the person's link shows no report.
    expect((await findArcoByToken(context(null), created.data.token!))!.report).toBeNull();
    expect((await inTx(context(sup), (c) => releaseAccessReport(c, folio))).ok).toBe(true);
    const view = await findArcoByToken(context(null), created.data.token!);
    expect(view!.request.status).toBe('answered');
    expect(view!.report!.sections).toHaveLength(3);
    const actions = (await loadArcoDetail(context(sup), folio))!.trail.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'arco.report.build',
        'arco.report.review',
        'arco.report.review_cases',
        'arco.report.release',
      ]),
    );
  });

  it('rectifies through the features, cancels through retention keeping what must stay, and honours opposition in reminders', async () => {
    const admin = await staff('admin');
    const operator = await staff('operator');
    const topics = await seedCatalogue(ctx.db);
    const email = 'rosa.quintana@correo.test';
    const req = await submitRequest(
      ctx.db,
      await validForm(ctx.db, topics.active, { contactEmail: email, contactName: 'Rosa Quintana' }),
      { ip: null, locale: 'es', mail: MAIL },
    );
    if (!req.ok) throw new Error('request');
    const past = await makeEvent(ctx.db);
    const reg = await registerForEvent(
      ctx.db,
      await signup(ctx.db, past.slug, { email, name: 'Rosa Quintan' }),
      mailCtx,
    );
    if (!reg.ok) throw new Error('reg');
    const [regRow] = await ctx.db
      .select()
      .from(eventRegistrations)
      .where(eq(eventRegistrations.email, email));

    async function verified(right: string) {
      const created = await submit({ right, email, description: `Solicitud de ${right}.` });
      if (!created.ok) throw new Error('submit');
      await inTx(context(admin), (c) =>
        changeArcoStatus(c, { folio: created.data.folio, to: 'identity_verified', reason: '' }),
      );
      return created.data.folio;
    }

    // Rectification: the registration's name and the request's phone, each through its feature.
    const rect = await verified('rectification');
    expect(
      (
        await inTx(context(admin), (c) =>
          rectifyContact(c, {
            folio: rect,
            target: 'registration',
            targetRef: String(regRow!.id),
            contactName: 'Rosa Quintana',
            contactEmail: '',
            contactPhone: '',
          }),
        )
      ).ok,
    ).toBe(true);
    expect(
      (
        await inTx(context(admin), (c) =>
          rectifyContact(c, {
            folio: rect,
            target: 'request',
            targetRef: req.data.folio,
            contactName: '',
            contactEmail: '',
            contactPhone: '+526149876543',
          }),
        )
      ).ok,
    ).toBe(true);
    expect(
      await inTx(context(admin), (c) =>
        rectifyContact(c, {
          folio: rect,
          target: 'request',
          targetRef: 'T-2026-9999',
          contactName: 'X Y Z',
          contactEmail: '',
          contactPhone: '',
        }),
      ),
    ).toEqual({ ok: false, reason: 'not_found_target' });
    const [fixedReg] = await ctx.db
      .select()
      .from(eventRegistrations)
      .where(eq(eventRegistrations.id, regRow!.id));
    expect(fixedReg!.name).toBe('Rosa Quintana');
    const [fixedReq] = await ctx.db
      .select()
      .from(workshopRequests)
      .where(eq(workshopRequests.folio, req.data.folio));
    expect(fixedReq!.contactPhone).toBe('+526149876543');
    expect(
      (await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'registration.rectify'))).length,
    ).toBeGreaterThan(0);

    // Opposition: no event reminder to that address any more.
    const opp = await verified('opposition');
    expect((await inTx(context(admin), (c) => flagOpposition(c, opp))).ok).toBe(true);
    expect(await isContactSuppressed(ctx.db, { email })).toBe(true);
    const soon = await makeEvent(ctx.db, {
      startsAt: new Date(Date.now() + 12 * 3_600_000),
      endsAt: new Date(Date.now() + 14 * 3_600_000),
      registrationClosesAt: new Date(Date.now() + 6 * 3_600_000),
    });
    const other = 'sin.oposicion@correo.test';
    for (const who of [email, other]) {
      const r = await registerForEvent(ctx.db, await signup(ctx.db, soon.slug, { email: who }), mailCtx);
      if (!r.ok) throw new Error('reg');
    }
    await ctx.db
      .update(eventRegistrations)
      .set({ confirmedAt: new Date(Date.now() - 3 * 86_400_000) })
      .where(eq(eventRegistrations.eventId, soon.id));
    await queueEventReminders(ctx.db, mailCtx);
    const reminders = (await ctx.db.select().from(mailOutbox)).filter((m) =>
      m.idempotencyKey.startsWith(`event-reminder:${soon.id}:`),
    );
    expect(reminders.map((m) => m.toAddress)).toEqual([other]);

    // Cancellation: the active request (still to be given) and the future registrations are kept
    // with their reason; the finished ones and the case without pending oficios are anonymised.
    await ctx.db
      .update(workshopRequests)
      .set({ status: 'completed' })
      .where(eq(workshopRequests.folio, req.data.folio));
    const [cat2] = await ctx.db
      .select({ id: caseCategories.id })
      .from(caseCategories)
      .where(eq(caseCategories.name, 'Fraude'));
    const saved = await createContact(
      makeStaffContext({ db: ctx.db, user: operator, ip: null, zone: ZONE }),
      ContactSchema.parse({
        channel: 'phone',
        durationMinutes: '5',
        callType: 'data',
        callerRole: 'victim',
        personName: 'Rosa Quintana',
        ageRange: '30-44',
        followUpConsent: 'on',
        followUpPhone: '614 987 6543',
        privacyNoticeGiven: 'on',
        categories: [cat2!.id],
        summary: 'Pidió orientación.',
      }),
    );
    if (!saved.ok) throw new Error('case');
    const can = await verified('cancellation');
    const result = await inTx(context(admin), (c) =>
      cancelPersonalData(c, { folio: can, email, phone: '+526149876543', folios: [] }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.anonymised).toEqual(
      expect.arrayContaining([`Solicitud de plática ${req.data.folio}`, `Caso ${saved.folio}`]),
    );
    expect(result.data.kept!.length).toBeGreaterThan(0);
    expect(result.data.kept!.every((k) => k.reason.length > 10)).toBe(true);
    const [anonReq] = await ctx.db
      .select()
      .from(workshopRequests)
      .where(eq(workshopRequests.folio, req.data.folio));
    expect(anonReq!.contactEmail).toBe('');
    expect(anonReq!.institutionName).toBe('Escuela Secundaria Estatal 3013');
    const [anonCase] = await ctx.db.select().from(cases).where(eq(cases.folio, saved.folio!));
    expect(anonCase!.anonymizedAt).not.toBeNull();
    expect(anonCase!.personName).toBe('');
    const [anonContact] = await ctx.db.select().from(contacts).where(eq(contacts.caseId, anonCase!.id));
    expect(anonContact!.summary).not.toContain('orientación');
  });

  it('warns at 5 business days left and when overdue, on the queue list and once by e-mail', async () => {
    await staff('admin');
    const created = await submit({ description: 'Para los avisos de plazo.' });
    if (!created.ok) throw new Error('submit');
    // 14 Dec is the deadline: on 7 Dec 5 business days are left; on 15 Dec it is overdue.
    expect((await arcoDeadlineAlerts(ctx.db, '2026-12-04')).some((a) => a.folio === created.data.folio)).toBe(
      false,
    );
    const soon = (await arcoDeadlineAlerts(ctx.db, '2026-12-07')).find((a) => a.folio === created.data.folio);
    expect(soon?.deadline).toMatchObject({ state: 'soon', daysLeft: 5 });
    const late = (await arcoDeadlineAlerts(ctx.db, '2026-12-15')).find((a) => a.folio === created.data.folio);
    expect(late?.deadline).toMatchObject({ state: 'overdue', daysLeft: -1 });
    const first = await queueArcoDeadlineMails(ctx.db, MAIL, '2026-12-07');
    expect(first).toBeGreaterThan(0);
    expect(await queueArcoDeadlineMails(ctx.db, MAIL, '2026-12-08')).toBe(0);
    expect(await queueArcoDeadlineMails(ctx.db, MAIL, '2026-12-15')).toBeGreaterThan(0);
  });
});
