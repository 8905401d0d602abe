import { makeStaffContext } from '~/lib/server/context';
import { and, eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { beforeAll, expect, it } from 'vitest';
import {
  activities,
  auditLog,
  mailOutbox,
  users,
  workshopRequestHistory,
  workshopRequests,
} from '~db/schema';
import { createFeedToken, feedForToken, revokeFeedToken } from '~/features/scheduling/feed-tokens.server';
import { runActivityReminders, runReminders } from '~/features/scheduling/reminders.server';
import { scheduleRequest } from '~/features/scheduling/schedule-request.server';
import { cancelActivity, createActivity, moveActivity } from '~/features/scheduling/scheduling.server';
import { describeEachDb } from '../helpers/db';
import { MAIL, META, ZONE, activityInput, makePerson, makeRequest, setSetting } from '../fixtures/scheduling';

const ok = <T extends { ok: boolean }>(r: T) => {
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r)}`);
  return r as Extract<T, { ok: true }>;
};
const mailsTo = async (db: Parameters<typeof runReminders>[0], to: string) =>
  db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, to));

describeEachDb('scheduling feeds, reminders and requests', (ctx) => {
  beforeAll(async () => {
    await setSetting(ctx.db, 'hotlineMinOperators', '0');
  });

  it('reminds operators the day before and the institution two days before, once, never for cancelled', async () => {
    const sup = await makePerson(ctx.db, 'supervisor');
    const op = await makePerson(ctx.db, 'operator', 'Ramona Recordatorio');
    const req = await makeRequest(ctx.db);
    ok(
      await scheduleRequest(
        makeStaffContext({ db: ctx.db, user: sup, ip: META.ip, zone: ZONE, publicUrl: MAIL.publicUrl }),
        { ...activityInput([op.id], '2027-02-10', '10:00', '11:00'), requestId: req.id },
      ),
    );
    const start = new Date('2027-02-10T16:00:00Z');
    const hours = (h: number) => new Date(start.getTime() - h * 3600_000);

    await runReminders(ctx.db, MAIL, hours(72));
    expect((await mailsTo(ctx.db, op.email)).length).toBe(0);
    await runReminders(ctx.db, MAIL, hours(47));
    expect(
      (await mailsTo(ctx.db, req.contactEmail)).filter((m) => m.template === 'activity.reminder.institution'),
    ).toHaveLength(1);
    expect(await mailsTo(ctx.db, op.email)).toHaveLength(0);
    await runReminders(ctx.db, MAIL, hours(23));
    await runReminders(ctx.db, MAIL, hours(22));
    await Promise.all([runReminders(ctx.db, MAIL, hours(21)), runReminders(ctx.db, MAIL, hours(21))]);
    const opMails = await mailsTo(ctx.db, op.email);
    expect(opMails).toHaveLength(1);
    expect(opMails[0]!.subject).toBe('Mañana: Plática de prevención');
    expect(opMails[0]!.text).toContain('miércoles 10 de febrero de 2027, 10:00–11:00');
    expect(
      (await mailsTo(ctx.db, req.contactEmail)).filter((m) => m.template === 'activity.reminder.institution'),
    ).toHaveLength(1);

    // A cancelled activity is not reminded.
    const c = ok(
      await createActivity(
        makeStaffContext({ db: ctx.db, user: op, ip: META.ip, zone: ZONE }),
        activityInput([op.id], '2027-02-12', '10:00', '11:00', { title: 'Volanteo cancelado' }),
      ),
    );
    ok(
      await cancelActivity(
        makeStaffContext({ db: ctx.db, user: op, ip: META.ip, publicUrl: MAIL.publicUrl }),
        { id: c.data.id, reason: 'Lluvia' },
      ),
    );
    expect(await runReminders(ctx.db, MAIL, new Date('2027-02-11T20:00:00Z'))).toEqual({
      operators: 0,
      institutions: 0,
    });
    expect((await mailsTo(ctx.db, op.email)).filter((m) => m.subject.includes('Volanteo'))).toHaveLength(0);
    // The job's entry point (real clock, organisation settings): nothing here is due today.
    expect(await runActivityReminders(ctx.db)).toEqual({ operators: 0, institutions: 0 });
  });

  it('moving a scheduled workshop updates the request and tells the requester; cancelling sends it back to review', async () => {
    const sup = await makePerson(ctx.db, 'supervisor');
    const op = await makePerson(ctx.db, 'operator');
    const req = await makeRequest(ctx.db);
    const s = ok(
      await scheduleRequest(
        makeStaffContext({ db: ctx.db, user: sup, ip: META.ip, zone: ZONE, publicUrl: MAIL.publicUrl }),
        { ...activityInput([op.id], '2027-03-10', '10:00', '11:00'), requestId: req.id },
      ),
    );
    const history = await ctx.db
      .select()
      .from(workshopRequestHistory)
      .where(eq(workshopRequestHistory.requestId, req.id));
    expect(history).toMatchObject([{ fromStatus: 'received', toStatus: 'scheduled', actorUserId: sup.id }]);
    ok(
      await moveActivity(
        makeStaffContext({ db: ctx.db, user: op, ip: META.ip, zone: ZONE, publicUrl: MAIL.publicUrl }),
        { id: s.data.id, start: '2027-03-11T16:00:00Z', end: '2027-03-11T17:00:00Z', overrideReason: '' },
      ),
    );
    const [moved] = await ctx.db.select().from(workshopRequests).where(eq(workshopRequests.id, req.id));
    expect(moved!.scheduledStart!.toISOString()).toBe('2027-03-11T16:00:00.000Z');
    const changed = (await mailsTo(ctx.db, req.contactEmail)).filter(
      (m) => m.template === 'request.rescheduled',
    );
    expect(changed).toHaveLength(1);
    expect(changed[0]!.text).toContain('jueves 11 de marzo de 2027, 10:00–11:00');

    ok(
      await cancelActivity(
        makeStaffContext({ db: ctx.db, user: sup, ip: META.ip, publicUrl: MAIL.publicUrl }),
        { id: s.data.id, reason: 'La facilitadora enfermó' },
      ),
    );
    const [back] = await ctx.db.select().from(workshopRequests).where(eq(workshopRequests.id, req.id));
    expect(back).toMatchObject({ status: 'under_review', scheduledStart: null, facilitatorFirstName: null });
    const cancelled = (await mailsTo(ctx.db, req.contactEmail)).find(
      (m) => m.template === 'request.activity_cancelled',
    )!;
    const ics = Buffer.from(cancelled.attachments[0]!.content, 'base64').toString('utf8');
    expect(
      new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!.getFirstPropertyValue('status'),
    ).toBe('CANCELLED');
    // It can be scheduled again (the cancelled activity no longer holds the request).
    ok(
      await scheduleRequest(
        makeStaffContext({ db: ctx.db, user: sup, ip: META.ip, zone: ZONE, publicUrl: MAIL.publicUrl }),
        { ...activityInput([op.id], '2027-03-17', '10:00', '11:00'), requestId: req.id },
      ),
    );
  });

  it('serves a private iCalendar feed that a real parser reads, and stops when revoked', async () => {
    const op = await makePerson(ctx.db, 'operator', 'Fernanda Feed');
    const a = ok(
      await createActivity(
        makeStaffContext({ db: ctx.db, user: op, ip: META.ip, zone: ZONE }),
        activityInput([op.id], '2026-12-03', '17:00', '18:30', {
          title: 'Feria de prevención; Parque "El Palomar"',
          type: 'public_event',
        }),
      ),
    );
    const token = await createFeedToken(ctx.db, op.id, null);
    const text = await feedForToken(ctx.db, token, MAIL.publicUrl, new Date('2026-11-25T12:00:00Z'));
    expect(text).not.toBeNull();
    const cal = new ICAL.Component(ICAL.parse(text!));
    expect(cal.getFirstPropertyValue('version')).toBe('2.0');
    const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(1);
    expect(events[0]!.summary).toBe('Feria de prevención; Parque "El Palomar"');
    expect(events[0]!.uid).toBe(`actividad-${a.data.id}@vinculo.example`);
    expect(events[0]!.startDate.toJSDate().toISOString()).toBe('2026-12-03T23:00:00.000Z');
    expect(await feedForToken(ctx.db, 'a'.repeat(39), MAIL.publicUrl)).toBeNull();
    const replaced = await createFeedToken(ctx.db, op.id, null);
    expect(await feedForToken(ctx.db, token, MAIL.publicUrl)).toBeNull();
    expect(await revokeFeedToken(ctx.db, op.id, null)).toBe(true);
    expect(await feedForToken(ctx.db, replaced, MAIL.publicUrl)).toBeNull();
  });

  it('an empty feed is still a valid calendar; a disabled user has none', async () => {
    const op = await makePerson(ctx.db, 'operator');
    const token = await createFeedToken(ctx.db, op.id, null);
    const text = await feedForToken(ctx.db, token, MAIL.publicUrl);
    expect(new ICAL.Component(ICAL.parse(text!)).getAllSubcomponents('vevent')).toHaveLength(0);
    await ctx.db.update(users).set({ active: false }).where(eq(users.id, op.id));
    expect(await feedForToken(ctx.db, token, MAIL.publicUrl)).toBeNull();
  });
});

describeEachDb('hotline cover', (ctx) => {
  it('refuses leaving fewer than the minimum on the phones, unless a supervisor gives a reason', async () => {
    await setSetting(ctx.db, 'hotlineMinOperators', '1');
    await setSetting(ctx.db, 'hotlineShifts', '08:00-14:00,14:00-20:00');
    const a = await makePerson(ctx.db, 'operator');
    const b = await makePerson(ctx.db, 'operator');
    const sup = await makePerson(ctx.db, 'supervisor');
    ok(
      await createActivity(
        makeStaffContext({ db: ctx.db, user: a, ip: META.ip, zone: ZONE }),
        activityInput([a.id], '2027-01-20', '09:00', '10:00'),
      ),
    );
    // b in the same morning shift would leave nobody on the line.
    const refused = await createActivity(
      makeStaffContext({ db: ctx.db, user: b, ip: META.ip, zone: ZONE }),
      activityInput([b.id], '2027-01-20', '12:00', '13:00'),
    );
    expect(refused.ok).toBe(false);
    if (!refused.ok)
      expect(refused.formError).toMatch(
        /turno 08:00–14:00: quedarían 0 en la línea \(mínimo 1\)\. Pide a supervisión/,
      );
    // The afternoon shift is fine.
    ok(
      await createActivity(
        makeStaffContext({ db: ctx.db, user: b, ip: META.ip, zone: ZONE }),
        activityInput([b.id], '2027-01-20', '15:00', '16:00'),
      ),
    );
    const needs = await createActivity(
      makeStaffContext({ db: ctx.db, user: sup, ip: META.ip, zone: ZONE }),
      activityInput([b.id], '2027-01-20', '12:00', '13:00'),
    );
    expect(needs).toMatchObject({
      ok: false,
      needsOverride: true,
      errors: { overrideReason: expect.any(String) },
    });
    const done = ok(
      await createActivity(
        makeStaffContext({ db: ctx.db, user: sup, ip: META.ip, zone: ZONE }),
        activityInput([b.id], '2027-01-20', '12:00', '13:00', {
          overrideReason: 'Feria estatal; cubre el turno personal de guardia',
        }),
      ),
    );
    const [row] = await ctx.db.select().from(activities).where(eq(activities.id, done.data.id));
    expect(row!.coverageOverrideReason).toBe('Feria estatal; cubre el turno personal de guardia');
    const [audit] = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'activity.create'), eq(auditLog.entityId, String(done.data.id))));
    expect(audit).toMatchObject({
      actorUserId: sup.id,
      details: { coverageOverride: 'Feria estatal; cubre el turno personal de guardia' },
    });
  });
});
