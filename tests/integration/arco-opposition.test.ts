import { and, eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import type { Db } from '~db/client';
import {
  auditLog,
  caseCategories,
  cases,
  contacts,
  mailOutbox,
  users,
  workshopRequestEvaluations,
} from '~db/schema';
import { submitArcoRequest } from '~/features/arco/intake.server';
import { changeArcoStatus } from '~/features/arco/queue.server';
import { flagOpposition, rectifyContact } from '~/features/arco/fulfil.server';
import { createContact } from '~/features/cases/cases.server';
import { ContactSchema } from '~/features/cases/schemas';
import { OPPOSED_NAME, listRegistrationsForExport } from '~/features/events/admin.server';
import { registerForEvent } from '~/features/events/registration.server';
import { findReport, loadReport } from '~/features/reports/catalog';
import { changeStatusByStaff } from '~/features/requests/lifecycle.server';
import { runReminders } from '~/features/scheduling/reminders.server';
import { scheduleRequest } from '~/features/scheduling/schedule-request.server';
import { type RequestContext, makeContext, makeStaffContext, withDb } from '~/lib/server/context';
import { getCurrentPrivacyNotice } from '~/lib/server/privacy';
import { describeEachDb } from '../helpers/db';
import { makeEvent, mailCtx, signup } from '../helpers/events';
import { MAIL, META, activityInput, makePerson, makeRequest, setSetting } from '../fixtures/scheduling';

// ARCO opposition / revocation as the other features see it (reminders, exports, report lists),
// and rectification of a case's personal data through the cases feature.

const ZONE = 'America/Chihuahua';

describeEachDb('ARCO: opposition in mailers and exports, rectification of a case', (ctx) => {
  beforeAll(async () => {
    await setSetting(ctx.db, 'hotlineMinOperators', '0');
  });

  let n = 0;
  async function staff(role: 'admin' | 'supervisor' | 'operator') {
    const [u] = await ctx.db
      .insert(users)
      .values({
        name: `Persona ${++n}`,
        email: `arco-opp${n}-${Math.random().toString(36).slice(2, 7)}@vinculo.test`,
        role,
      })
      .returning();
    return { id: u!.id, email: u!.email, name: u!.name, role, grants: [] as string[] };
  }
  const context = (user: Awaited<ReturnType<typeof staff>> | null): RequestContext =>
    makeContext({
      db: ctx.db,
      user,
      ip: '203.0.113.9',
      now: () => new Date('2026-11-13T18:00:00Z'),
      zone: ZONE,
    });
  const inTx = <T>(c: RequestContext, run: (c: RequestContext) => Promise<T>) =>
    c.db.transaction((tx) => run(withDb(c, tx as unknown as Db)));

  /** An ARCO request for `right` by `email`, with the identity verified by `admin`. */
  async function verified(
    admin: Awaited<ReturnType<typeof staff>>,
    right: string,
    email: string,
    phone = '',
  ) {
    const notice = await getCurrentPrivacyNotice(ctx.db, 'integral');
    const created = await inTx(context(null), (t) =>
      submitArcoRequest(
        t,
        {
          locale: 'es',
          website: '',
          startedAt: String(new Date('2026-11-13T17:59:00Z').getTime()),
          privacyNoticeId: String(notice!.id),
          right,
          requesterKind: 'self',
          holderName: 'Lucía Barraza Ochoa',
          representativeName: '',
          email,
          phone,
          referenceKind: 'other',
          reference: '',
          description: `Solicitud de ${right} (${Math.random().toString(36).slice(2, 6)}).`,
          identityMethod: 'in_person',
          consent: 'on',
        },
        'es',
      ),
    );
    if (!created.ok) throw new Error(`submit: ${JSON.stringify(created)}`);
    await inTx(context(admin), (c) =>
      changeArcoStatus(c, { folio: created.data.folio, to: 'identity_verified', reason: '' }),
    );
    return created.data.folio;
  }

  it('rectifies a case’s name and follow-up phone through the cases feature, audited without the values', async () => {
    const admin = await staff('admin');
    const operator = await staff('operator');
    const [cat] = await ctx.db.select({ id: caseCategories.id }).from(caseCategories).limit(1);
    const saved = await createContact(
      makeStaffContext({ db: ctx.db, user: operator, ip: null, zone: ZONE }),
      ContactSchema.parse({
        channel: 'phone',
        durationMinutes: '5',
        callType: 'data',
        callerRole: 'victim',
        personName: 'Lucia Baraza',
        ageRange: '30-44',
        followUpConsent: 'on',
        followUpPhone: '614 111 2233',
        privacyNoticeGiven: 'on',
        categories: [cat!.id],
        summary: 'Pidió orientación.',
      }),
    );
    if (!saved.ok || !saved.folio) throw new Error('case');
    const folio = await verified(admin, 'rectification', 'lucia.barraza@correo.test', '614 111 2233');
    const rectify = (targetRef: string, by = admin) =>
      inTx(context(by), (c) =>
        rectifyContact(c, {
          folio,
          target: 'case',
          targetRef,
          contactName: 'Lucía Barraza Ochoa',
          contactEmail: '',
          contactPhone: '+526144445566',
        }),
      );
    expect(await rectify(saved.folio.toLowerCase())).toEqual({ ok: true, data: undefined });
    const [c] = await ctx.db.select().from(cases).where(eq(cases.folio, saved.folio));
    expect(c!.personName).toBe('Lucía Barraza Ochoa');
    expect(c!.personPhone).toBe('6144445566');
    const [k] = await ctx.db.select().from(contacts).where(eq(contacts.caseId, c!.id));
    expect(k!.personName).toBe('Lucía Barraza Ochoa');
    expect(k!.followUpPhone).toBe('6144445566');
    const [entry] = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'case.rectify'), eq(auditLog.entityId, String(c!.id))));
    expect(entry!.details).toEqual({ fields: ['personName', 'phone'], arco: folio });
    expect(JSON.stringify(entry!.details)).not.toContain('Barraza');
    expect(
      (await ctx.db.select().from(auditLog).where(eq(auditLog.action, 'arco.rectify'))).some(
        (a) => (a.details as { target?: string }).target === 'case',
      ),
    ).toBe(true);
    // A folio that is not a case, and a case already anonymised: nothing to correct.
    expect(await rectify('LC-2026-99999')).toEqual({ ok: false, reason: 'not_found_target' });
    await ctx.db.update(cases).set({ anonymizedAt: new Date() }).where(eq(cases.id, c!.id));
    expect(await rectify(saved.folio)).toEqual({ ok: false, reason: 'not_found_target' });
  });

  it('leaves an opposed address out of reminders, registration exports and the evaluation comments', async () => {
    const admin = await staff('admin');
    const sup = await makePerson(ctx.db, 'supervisor');
    const ops = [await makePerson(ctx.db, 'operator'), await makePerson(ctx.db, 'operator')];
    const opposed = 'oposicion.total@escuela.test';
    const other = 'sin.oposicion@escuela.test';
    const folio = await verified(admin, 'opposition', opposed, '614 222 3344');
    expect((await inTx(context(admin), (c) => flagOpposition(c, folio))).ok).toBe(true);

    // The institution's reminder two days before: only to the one that did not oppose.
    const start = new Date('2027-03-10T17:00:00Z');
    const requestIds: number[] = [];
    for (const [i, email] of [opposed, other].entries()) {
      const req = await makeRequest(ctx.db, { contactEmail: email });
      requestIds.push(req.id);
      const scheduled = await scheduleRequest(
        makeStaffContext({ db: ctx.db, user: sup, ip: META.ip, zone: ZONE, publicUrl: MAIL.publicUrl }),
        { ...activityInput([ops[i]!.id], '2027-03-10', '10:00', '11:00'), requestId: req.id },
      );
      if (!scheduled.ok) throw new Error(`schedule: ${JSON.stringify(scheduled)}`);
    }
    await runReminders(ctx.db, MAIL, new Date(start.getTime() - 47 * 3_600_000));
    const reminders = (await ctx.db.select().from(mailOutbox)).filter(
      (m) => m.template === 'activity.reminder.institution',
    );
    expect(reminders.map((m) => m.toAddress)).toEqual([other]);

    // Both talks given: each requester is told, and only the one who did not oppose is asked to
    // evaluate the talk.
    for (const id of requestIds) {
      const done = await changeStatusByStaff(
        makeStaffContext({ db: ctx.db, user: sup, ip: META.ip, zone: ZONE }),
        { id, to: 'completed', reason: '' },
        { ...MAIL, timeZone: ZONE },
      );
      expect(done.ok).toBe(true);
    }
    const completed = (await ctx.db.select().from(mailOutbox)).filter(
      (m) => m.template === 'request.status.completed',
    );
    expect(completed.map((m) => m.toAddress).sort()).toEqual([opposed, other].sort());
    expect(completed.find((m) => m.toAddress === opposed)!.text).toContain('Gracias por recibirnos.');
    expect(completed.find((m) => m.toAddress === opposed)!.text).not.toContain('evaluar');
    expect(completed.find((m) => m.toAddress === other)!.text).toContain('puedes evaluar la plática');

    // The registrations export keeps the opposed person's row (counts add up) without their data.
    const event = await makeEvent(ctx.db);
    for (const [email, name] of [
      [opposed.toUpperCase(), 'Lucía Barraza Ochoa'],
      [other, 'Ramiro Loera'],
    ] as const) {
      const r = await registerForEvent(ctx.db, await signup(ctx.db, event.slug, { email, name }), mailCtx);
      if (!r.ok) throw new Error('reg');
    }
    const rows = await listRegistrationsForExport(ctx.db, event.id);
    expect(rows).toHaveLength(2);
    const hidden = rows.find((r) => r.name === OPPOSED_NAME)!;
    expect(hidden).toMatchObject({ email: '', phone: '', institutionName: '', accessibilityNeeds: '' });
    expect(rows.find((r) => r.email === other)!.name).toBe('Ramiro Loera');
    expect(JSON.stringify(rows)).not.toContain('Barraza');

    // The evaluation comments list leaves out the opposed requester's; the table still counts it.
    for (const [email, comment] of [
      [opposed, 'Comentario de quien se opuso.'],
      [other, 'Muy clara la plática.'],
    ] as const) {
      const req = await makeRequest(ctx.db, { contactEmail: email, status: 'completed' });
      await ctx.db.insert(workshopRequestEvaluations).values({
        requestId: req.id,
        satisfaction: 5,
        comments: comment,
        createdAt: new Date('2027-01-15T18:00:00Z'),
      });
    }
    const { table, lists } = await loadReport(
      ctx.db,
      findReport('evaluaciones')!,
      new URLSearchParams({ desde: '2027-01-01', hasta: '2027-01-31', por: 'mes' }),
      ZONE,
      new Date('2027-02-01T18:00:00Z'),
    );
    expect(lists[0]!.rows.map((r) => r[7])).toEqual(['Muy clara la plática.']);
    expect(table.total!.cells[0]!.value).toBe(2);
  });
});
