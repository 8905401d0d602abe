/**
 * Registrants are outside parties (issue 14, "Calendar side effects ask first"): the staff edit
 * form asks before telling them of a new date, time or place ("Avisar a las personas
 * registradas", ticked by default), and the result says how many were told.
 */
import { and, like } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { mailOutbox, users } from '~db/schema';
import { createEvent, publishEvent, updateEvent } from '~/features/events/admin.server';
import { registerForEvent } from '~/features/events/registration.server';
import { EventFormSchema } from '~/features/events/schemas';
import { makeStaffContext } from '~/lib/server/context';
import { describeEachDb } from '../helpers/db';
import { mailCtx, signup } from '../helpers/events';

const meta = { ip: '10.0.0.14' };
const UPDATED = 'Cambió la fecha o el lugar';

describeEachDb('events: a change of date asks before telling registrants', (ctx) => {
  async function setup() {
    const [u] = await ctx.db
      .insert(users)
      .values({
        name: 'Daniela Quintana',
        email: `comms-${Math.random().toString(36).slice(2, 8)}@vinculo.test`,
        role: 'comms',
      })
      .returning();
    const actor = { id: u!.id, name: u!.name, email: u!.email, role: u!.role };
    const staff = makeStaffContext({ db: ctx.db, user: actor, ip: meta.ip });
    const form = {
      title: 'Plática de prevención',
      slug: `platica-${Math.random().toString(36).slice(2, 8)}`,
      place: 'Biblioteca Central',
      municipalityId: '08019',
      startsAt: '2027-02-10T10:00',
      endsAt: '2027-02-10T12:00',
      capacity: '30',
      waitlistEnabled: 'on',
      registrationOpensAt: '2026-01-01T09:00',
      registrationClosesAt: '2027-02-09T18:00',
    };
    const created = await createEvent(staff, EventFormSchema.parse(form), null);
    if (!created.ok) throw new Error('not created');
    expect((await publishEvent(staff, created.id)).ok).toBe(true);
    const slug = form.slug;
    const emails: string[] = [];
    for (const who of ['ana', 'beto']) {
      const input = await signup(ctx.db, slug, { email: `${who}-${slug}@correo.test` });
      expect((await registerForEvent(ctx.db, input, mailCtx)).ok).toBe(true);
      emails.push(input.email);
    }
    const updates = async () =>
      (
        await ctx.db
          .select({ to: mailOutbox.toAddress })
          .from(mailOutbox)
          .where(
            and(like(mailOutbox.toAddress, `%-${slug}@correo.test`), like(mailOutbox.subject, `${UPDATED}%`)),
          )
      ).map((m) => m.to);
    return { staff, id: created.id, form, emails, updates };
  }

  it('ticked (the default on the form), both registrants are mailed and the result says so', async () => {
    const { staff, id, form, emails, updates } = await setup();
    const saved = await updateEvent(
      staff,
      id,
      EventFormSchema.parse({
        ...form,
        id: String(id),
        startsAt: '2027-02-10T11:00',
        notifyShown: '1',
        notify: 'on',
      }),
      null,
      mailCtx,
    );
    expect(saved).toMatchObject({ ok: true, told: { notified: true, registrations: 2 } });
    expect((await updates()).sort()).toEqual([...emails].sort());
  });

  it('unticked, nobody is mailed, and the result says how many were not told', async () => {
    const { staff, id, form, updates } = await setup();
    const saved = await updateEvent(
      staff,
      id,
      EventFormSchema.parse({ ...form, id: String(id), place: 'Centro Comunitario Norte', notifyShown: '1' }),
      null,
      mailCtx,
    );
    expect(saved).toMatchObject({ ok: true, told: { notified: false, registrations: 2 } });
    expect(await updates()).toEqual([]);
  });

  it('a save that moves nothing tells nobody and reports no notice', async () => {
    const { staff, id, form, updates } = await setup();
    const saved = await updateEvent(
      staff,
      id,
      EventFormSchema.parse({ ...form, id: String(id), capacity: '40', notifyShown: '1', notify: 'on' }),
      null,
      mailCtx,
    );
    expect(saved.ok).toBe(true);
    expect(saved).not.toHaveProperty('told');
    expect(await updates()).toEqual([]);
  });
});
