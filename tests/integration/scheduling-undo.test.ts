import { and, eq } from 'drizzle-orm';
import { makeStaffContext } from '~/lib/server/context';
import { beforeAll, expect, it } from 'vitest';
import { activities, auditLog, mailOutbox, workshopRequests } from '~db/schema';
import { scheduleRequest } from '~/features/scheduling/schedule-request.server';
import { moveActivity, undoMove } from '~/features/scheduling/scheduling.server';
import { describeEachDb } from '../helpers/db';
import { MAIL, META, ZONE, activityInput, makePerson, makeRequest, setSetting } from '../fixtures/scheduling';

describeEachDb('"Deshacer" after a drag puts it back and withdraws the mail if it has not gone', (ctx) => {
  const staff = (user: Awaited<ReturnType<typeof makePerson>>, now?: Date) =>
    makeStaffContext({
      db: ctx.db,
      user,
      ip: META.ip,
      zone: ZONE,
      publicUrl: MAIL.publicUrl,
      ...(now ? { now: () => now } : {}),
    });
  beforeAll(async () => {
    await setSetting(ctx.db, 'hotlineMinOperators', '0');
  });

  async function scheduledAndMoved(day: string, next: string, notify = true) {
    const sup = await makePerson(ctx.db, 'supervisor');
    const op = await makePerson(ctx.db, 'operator');
    const req = await makeRequest(ctx.db);
    const r = await scheduleRequest(staff(sup), {
      ...activityInput([op.id], day, '10:00', '11:00'),
      requestId: req.id,
    });
    if (!r.ok) throw new Error(JSON.stringify(r));
    const changeMails = () =>
      ctx.db
        .select()
        .from(mailOutbox)
        .where(
          and(eq(mailOutbox.toAddress, req.contactEmail), eq(mailOutbox.template, 'request.rescheduled')),
        );
    const moved = await moveActivity(staff(sup), {
      id: r.data.id,
      start: `${next}T16:00:00Z`,
      end: `${next}T17:00:00Z`,
      overrideReason: '',
      notify,
    });
    if (!moved.ok) throw new Error(JSON.stringify(moved));
    return { sup, req, id: r.data.id, moved: moved.data, changeMails };
  }

  it('the move holds its mail back for the undo window', async () => {
    const { changeMails } = await scheduledAndMoved('2027-10-04', '2027-10-05');
    const [mail] = await changeMails();
    expect(mail!.status).toBe('pending');
    expect(mail!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 5_000);
  });

  it('undo restores the slot and the request page, withdraws the pending mail, and audits both', async () => {
    const { sup, req, id, moved, changeMails } = await scheduledAndMoved('2027-10-11', '2027-10-12');
    expect(await changeMails()).toHaveLength(1);
    const r = await undoMove(staff(sup), { id, sequence: moved.sequence, ...moved.previous });
    expect(r).toMatchObject({ ok: true, data: { withdrawn: true, told: { notified: false } } });
    expect(await changeMails()).toHaveLength(0);
    const [a] = await ctx.db.select().from(activities).where(eq(activities.id, id));
    expect(a!.startsAt.toISOString()).toBe(moved.previous.start);
    const [request] = await ctx.db.select().from(workshopRequests).where(eq(workshopRequests.id, req.id));
    expect(request!.scheduledStart!.toISOString()).toBe(moved.previous.start);
    const audits = await ctx.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.actorUserId, sup.id));
    expect(audits.map((x) => x.action)).toEqual(
      expect.arrayContaining(['mail.withdraw', 'activity.move.undo']),
    );
  });

  it('if the mail already went, undo tells the institution the original date again', async () => {
    const { sup, id, moved, changeMails } = await scheduledAndMoved('2027-10-18', '2027-10-19');
    await ctx.db
      .update(mailOutbox)
      .set({ status: 'sent', sentAt: new Date() })
      .where(eq(mailOutbox.id, (await changeMails())[0]!.id));
    const r = await undoMove(staff(sup), { id, sequence: moved.sequence, ...moved.previous });
    expect(r).toMatchObject({ ok: true, data: { withdrawn: false, told: { notified: true } } });
    expect(await changeMails()).toHaveLength(2);
  });

  it('a silent move undone sends nothing', async () => {
    const { sup, id, moved, changeMails } = await scheduledAndMoved('2027-10-25', '2027-10-26', false);
    const r = await undoMove(staff(sup), { id, sequence: moved.sequence, ...moved.previous });
    expect(r).toMatchObject({ ok: true, data: { withdrawn: false, told: { notified: false } } });
    expect(await changeMails()).toHaveLength(0);
  });

  it('undo is refused once the activity changed again, or after the window', async () => {
    const { sup, id, moved } = await scheduledAndMoved('2027-11-01', '2027-11-02');
    const stale = await undoMove(staff(sup), { id, sequence: moved.sequence - 1, ...moved.previous });
    expect(stale).toMatchObject({ ok: false, formError: expect.stringContaining('cambió') });
    const late = await undoMove(staff(sup, new Date(Date.now() + 5 * 60_000)), {
      id,
      sequence: moved.sequence,
      ...moved.previous,
    });
    expect(late).toMatchObject({ ok: false, formError: expect.stringContaining('tiempo') });
  });
});
