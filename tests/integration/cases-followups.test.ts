import { makeStaffContext } from '~/lib/server/context';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { caseAssignees, caseCategories, cases, users } from '~db/schema';
import { type Actor, createContact } from '~/features/cases/cases.server';
import { changeCaseStatus, getCaseTimeline } from '~/features/cases/case-detail.server';
import { completeFollowUp, createFollowUp, listFollowUpQueue } from '~/features/cases/followups.server';
import { ContactSchema } from '~/features/cases/schemas';
import { describeEachDb } from '../helpers/db';

const TZ = 'America/Chihuahua';
const meta = { ip: null };
const TODAY = '2026-11-25';

describeEachDb('case follow-ups', (ctx) => {
  let n = 0;
  async function makeUser(role: Actor['role']): Promise<Actor> {
    const [u] = await ctx.db
      .insert(users)
      .values({
        name: `Seguimiento ${++n}`,
        email: `seg${n}-${Math.random().toString(36).slice(2, 7)}@vinculo.test`,
        role,
      })
      .returning();
    return { id: u!.id, role };
  }
  async function openCase(actor: Actor) {
    const [cat] = await ctx.db
      .select({ id: caseCategories.id })
      .from(caseCategories)
      .where(eq(caseCategories.name, 'Amenazas'));
    const input = ContactSchema.parse({
      channel: 'phone',
      durationMinutes: '9',
      callType: 'data',
      callerRole: 'victim',
      anonymous: 'on',
      categories: [cat!.id],
      summary: 'Amenazas por mensajes de un exempleado.',
    });
    const r = await createContact(
      makeStaffContext({ db: ctx.db, user: actor, ip: meta.ip, zone: TZ }),
      input,
    );
    if (!r.ok) throw new Error('no se creó');
    return r.folio!;
  }
  const queueFolios = async (actor: Actor, opts = {}) =>
    (await listFollowUpQueue(makeStaffContext({ db: ctx.db, user: actor, ip: meta.ip }), TODAY, opts)).map(
      (q) => `${q.folio}:${q.dueOn}:${q.overdue}`,
    );

  it('lists each operator their own due and overdue follow-ups; supervisors see everyone', async () => {
    const ana = await makeUser('operator');
    const beto = await makeUser('operator');
    const sup = await makeUser('supervisor');
    const f1 = await openCase(ana);
    const f2 = await openCase(beto);
    expect(
      await createFollowUp(
        makeStaffContext({ db: ctx.db, user: ana, ip: meta.ip }),
        { folio: f1, type: 'call', dueOn: '2026-11-24' },
        '2026-11-24',
      ),
    ).toMatchObject({ ok: true });
    expect(
      await createFollowUp(
        makeStaffContext({ db: ctx.db, user: ana, ip: meta.ip }),
        { folio: f1, type: 'visit', dueOn: '2026-11-25' },
        TODAY,
      ),
    ).toMatchObject({ ok: true });
    expect(
      await createFollowUp(
        makeStaffContext({ db: ctx.db, user: ana, ip: meta.ip }),
        { folio: f1, type: 'call', dueOn: '2026-12-20' },
        TODAY,
      ),
    ).toMatchObject({ ok: true }); // beyond the 7-day horizon
    expect(
      await createFollowUp(
        makeStaffContext({ db: ctx.db, user: beto, ip: meta.ip }),
        { folio: f2, type: 'accompaniment', dueOn: '2026-11-26' },
        TODAY,
      ),
    ).toMatchObject({ ok: true });

    expect(await queueFolios(ana)).toEqual([`${f1}:2026-11-24:true`, `${f1}:2026-11-25:false`]);
    expect(await queueFolios(beto)).toEqual([`${f2}:2026-11-26:false`]);
    expect(await queueFolios(sup)).toEqual([
      `${f1}:2026-11-24:true`,
      `${f1}:2026-11-25:false`,
      `${f2}:2026-11-26:false`,
    ]);
    expect(await queueFolios(sup, { assigneeId: beto.id })).toEqual([`${f2}:2026-11-26:false`]);
    // An operator cannot widen the queue with someone else's id.
    expect(await queueFolios(ana, { assigneeId: beto.id })).toEqual([
      `${f1}:2026-11-24:true`,
      `${f1}:2026-11-25:false`,
    ]);
    // Scheduling a follow-up moves the case to "in follow-up".
    const [c] = await ctx.db.select().from(cases).where(eq(cases.folio, f1));
    expect(c!.status).toBe('follow_up');
  });

  it('completes a follow-up once, only within scope, and requires an outcome', async () => {
    const ana = await makeUser('operator');
    const beto = await makeUser('operator');
    const folio = await openCase(ana);
    const created = await createFollowUp(
      makeStaffContext({ db: ctx.db, user: ana, ip: meta.ip }),
      { folio, type: 'call', dueOn: TODAY },
      TODAY,
    );
    const id = created.id!;
    expect(
      await completeFollowUp(makeStaffContext({ db: ctx.db, user: beto, ip: meta.ip }), id, 'Intento ajeno'),
    ).toMatchObject({
      ok: false,
      notFound: true,
    });
    expect(
      await completeFollowUp(
        makeStaffContext({ db: ctx.db, user: ana, ip: meta.ip }),
        id,
        'Se le llamó; está a salvo con su hermana.',
      ),
    ).toMatchObject({ ok: true, folio });
    expect(
      await completeFollowUp(makeStaffContext({ db: ctx.db, user: ana, ip: meta.ip }), id, 'otra vez'),
    ).toMatchObject({
      ok: false,
      errors: { outcome: expect.any(String) },
    });
    expect(await queueFolios(ana)).toEqual([]);
    const timeline = await getCaseTimeline(makeStaffContext({ db: ctx.db, user: ana, ip: meta.ip }), folio);
    expect(timeline!.followUps[0]).toMatchObject({ outcome: 'Se le llamó; está a salvo con su hermana.' });
  });

  it('assigning a follow-up to a colleague brings them into the case; only the owner or a supervisor may', async () => {
    const owner = await makeUser('operator');
    const colleague = await makeUser('operator');
    const third = await makeUser('operator');
    const folio = await openCase(owner);
    expect(
      await createFollowUp(
        makeStaffContext({ db: ctx.db, user: owner, ip: meta.ip }),
        { folio, type: 'visit', dueOn: TODAY, assigneeId: colleague.id },
        TODAY,
      ),
    ).toMatchObject({ ok: true });
    const rows = await ctx.db.select().from(caseAssignees).where(eq(caseAssignees.userId, colleague.id));
    expect(rows).toHaveLength(1);
    expect(await queueFolios(colleague)).toEqual([`${folio}:${TODAY}:false`]);
    // The colleague, now assigned, cannot hand work to a third person.
    expect(
      await createFollowUp(
        makeStaffContext({ db: ctx.db, user: colleague, ip: meta.ip }),
        { folio, type: 'call', dueOn: TODAY, assigneeId: third.id },
        TODAY,
      ),
    ).toMatchObject({ ok: false, errors: { assigneeId: expect.any(String) } });
    // Nobody outside the case can schedule on it.
    expect(
      await createFollowUp(
        makeStaffContext({ db: ctx.db, user: third, ip: meta.ip }),
        { folio, type: 'call', dueOn: TODAY },
        TODAY,
      ),
    ).toMatchObject({ ok: false, notFound: true });
  });

  it('refuses past dates and closed cases', async () => {
    const ana = await makeUser('operator');
    const folio = await openCase(ana);
    expect(
      await createFollowUp(
        makeStaffContext({ db: ctx.db, user: ana, ip: meta.ip }),
        { folio, type: 'call', dueOn: '2026-11-01' },
        TODAY,
      ),
    ).toMatchObject({ ok: false, errors: { dueOn: expect.any(String) } });
    await changeCaseStatus(makeStaffContext({ db: ctx.db, user: ana, ip: meta.ip }), folio, 'closed');
    expect(
      await createFollowUp(
        makeStaffContext({ db: ctx.db, user: ana, ip: meta.ip }),
        { folio, type: 'call', dueOn: TODAY },
        TODAY,
      ),
    ).toMatchObject({ ok: false, errors: { dueOn: expect.any(String) } });
  });
});
