import { makeStaffContext } from '~/lib/server/context';
import { eq } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import { mailOutbox, workshopRequests } from '~db/schema';
import { activitiesInRange, toFeedEvents } from '~/features/scheduling/queries.server';
import { scheduleRequest } from '~/features/scheduling/schedule-request.server';
import { moveActivity, updateActivity } from '~/features/scheduling/scheduling.server';
import { describeEachDb } from '../helpers/db';
import { MAIL, META, ZONE, activityInput, makePerson, makeRequest, setSetting } from '../fixtures/scheduling';

describeEachDb('moving a scheduled workshop asks before telling the institution', (ctx) => {
  beforeAll(async () => {
    await setSetting(ctx.db, 'hotlineMinOperators', '0');
  });

  async function scheduled(day: string) {
    const sup = await makePerson(ctx.db, 'supervisor');
    const op = await makePerson(ctx.db, 'operator');
    const req = await makeRequest(ctx.db);
    const r = await scheduleRequest(
      makeStaffContext({ db: ctx.db, user: sup, ip: META.ip, zone: ZONE, publicUrl: MAIL.publicUrl }),
      { ...activityInput([op.id], day, '10:00', '11:00'), requestId: req.id },
    );
    if (!r.ok) throw new Error(JSON.stringify(r));
    const mails = async () =>
      (await ctx.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, req.contactEmail))).length;
    return { sup, req, id: r.data.id, mails };
  }

  it('the feed marks the activity with the institution to ask about', async () => {
    const { sup, req, id } = await scheduled('2027-09-06');
    const rows = await activitiesInRange(ctx.db, sup, {
      start: new Date('2027-09-06T00:00:00Z'),
      end: new Date('2027-09-07T12:00:00Z'),
    });
    const event = toFeedEvents(sup, rows).find((e) => e.id === String(id));
    expect(event!.extendedProps.institution).toBe(req.institutionName);
  });

  it('"Mover sin avisar" saves the new slot and the request page, but queues no mail', async () => {
    const { sup, req, id, mails } = await scheduled('2027-09-13');
    const before = await mails();
    const r = await moveActivity(
      makeStaffContext({ db: ctx.db, user: sup, ip: META.ip, zone: ZONE, publicUrl: MAIL.publicUrl }),
      { id, start: '2027-09-14T16:00:00Z', end: '2027-09-14T17:00:00Z', overrideReason: '', notify: false },
    );
    expect(r).toMatchObject({
      ok: true,
      data: { told: { institution: req.institutionName, notified: false } },
    });
    expect(await mails()).toBe(before);
    const [after] = await ctx.db.select().from(workshopRequests).where(eq(workshopRequests.id, req.id));
    expect(after!.scheduledStart!.toISOString()).toBe('2027-09-14T16:00:00.000Z');
  });

  it('"Mover y avisar" saves and queues the change mail to the institution', async () => {
    const { sup, req, id, mails } = await scheduled('2027-09-20');
    const before = await mails();
    const r = await moveActivity(
      makeStaffContext({ db: ctx.db, user: sup, ip: META.ip, zone: ZONE, publicUrl: MAIL.publicUrl }),
      { id, start: '2027-09-21T16:00:00Z', end: '2027-09-21T17:00:00Z', overrideReason: '', notify: true },
    );
    expect(r).toMatchObject({
      ok: true,
      data: { told: { institution: req.institutionName, notified: true } },
    });
    expect(await mails()).toBe(before + 1);
  });

  it('the edit form: an unticked "avisar a la institución" saves without mail; ticked mails', async () => {
    const { sup, req, id, mails } = await scheduled('2027-09-27');
    const op = await makePerson(ctx.db, 'operator');
    const before = await mails();
    const edit = (day: string, notify: boolean | undefined) =>
      updateActivity(
        makeStaffContext({ db: ctx.db, user: sup, ip: META.ip, zone: ZONE, publicUrl: MAIL.publicUrl }),
        {
          ...activityInput([op.id], day, '10:00', '11:00'),
          id,
          notifyShown: '1',
          ...(notify === undefined ? {} : { notify }),
        },
      );
    expect(await edit('2027-09-28', undefined)).toMatchObject({
      ok: true,
      data: { told: { institution: req.institutionName, notified: false } },
    });
    expect(await mails()).toBe(before);
    expect(await edit('2027-09-29', true)).toMatchObject({
      ok: true,
      data: { told: { institution: req.institutionName, notified: true } },
    });
    expect(await mails()).toBe(before + 1);
  });
});
