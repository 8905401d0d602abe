import { makeStaffContext } from '~/lib/server/context';
import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { eventRegistrations, events, mailOutbox, users } from '~db/schema';
import { createEvent, publishEvent, updateEvent } from '~/features/events/admin.server';
import { eventFormValues } from '~/features/events/form-values';
import { registerForEvent } from '~/features/events/registration.server';
import { EventFormSchema } from '~/features/events/schemas';
import { describeEachDb } from '../helpers/db';
import { mailCtx, signup } from '../helpers/events';

const meta = { ip: '10.0.0.9' };
const UPDATED = 'Cambió la fecha o el lugar';

describeEachDb('time: an event is stored, shown and edited in its own zone', (ctx) => {
  async function comms() {
    const [u] = await ctx.db
      .insert(users)
      .values({
        name: 'Daniela Quintana',
        email: `comms-${Math.random().toString(36).slice(2, 8)}@vinculo.test`,
        role: 'comms',
      })
      .returning();
    return { id: u!.id, name: u!.name, email: u!.email, role: u!.role };
  }

  // The organisation's zone must not matter for an event held in a place.
  for (const orgZone of ['America/Chihuahua', 'America/Ciudad_Juarez']) {
    it(`keeps a Juárez event at 10:00 through create, show and an unchanged save (org zone ${orgZone})`, async () => {
      const actor = await comms();
      const form = {
        title: 'Feria de prevención en Juárez',
        slug: `feria-juarez-${orgZone.length}-${Math.random().toString(36).slice(2, 6)}`,
        summary: '',
        description: '',
        place: 'Parque Central',
        address: '',
        municipalityId: '08037',
        startsAt: '2027-01-20T10:00',
        endsAt: '2027-01-20T12:00',
        capacity: '50',
        waitlistEnabled: 'on',
        registrationOpensAt: '2026-01-01T09:00',
        registrationClosesAt: '2027-01-19T18:00',
        coverAlt: '',
      };
      const created = await createEvent(
        makeStaffContext({ db: ctx.db, user: actor, ip: meta.ip, zone: orgZone }),
        EventFormSchema.parse(form),
        null,
      );
      expect(created.ok).toBe(true);
      const id = created.ok ? created.id : 0;
      const [row] = await ctx.db.select().from(events).where(eq(events.id, id));
      // Juárez is UTC−7 in January.
      expect(row!.startsAt.toISOString()).toBe('2027-01-20T17:00:00.000Z');
      expect(row!.endsAt.toISOString()).toBe('2027-01-20T19:00:00.000Z');

      expect((await publishEvent(makeStaffContext({ db: ctx.db, user: actor, ip: meta.ip }), id)).ok).toBe(
        true,
      );
      const input = await signup(ctx.db, row!.slug, { email: `juarez-${orgZone.length}@correo.test` });
      const ctxMail = { ...mailCtx, timeZone: orgZone };
      expect((await registerForEvent(ctx.db, input, ctxMail)).ok).toBe(true);
      // What the registrant reads is the time typed, in Juárez's clock.
      const [confirmation] = await ctx.db
        .select()
        .from(mailOutbox)
        .where(eq(mailOutbox.toAddress, input.email));
      expect(confirmation!.text).toContain('miércoles 20 de enero de 2027, 10:00–12:00');

      // The edit form shows 10:00 and saving it unchanged neither moves the event nor mails anyone.
      const values = eventFormValues(row!, orgZone);
      expect(values.startsAt).toBe('2027-01-20T10:00');
      for (let save = 0; save < 2; save++) {
        const parsed = EventFormSchema.parse(values);
        const saved = await updateEvent(
          makeStaffContext({ db: ctx.db, user: actor, ip: meta.ip, zone: orgZone }),
          id,
          parsed,
          null,
          ctxMail,
        );
        expect(saved.ok).toBe(true);
      }
      const [after] = await ctx.db.select().from(events).where(eq(events.id, id));
      expect(after!.startsAt.toISOString()).toBe('2027-01-20T17:00:00.000Z');
      expect(after!.registrationClosesAt.toISOString()).toBe(row!.registrationClosesAt.toISOString());
      const mails = await ctx.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, input.email));
      expect(mails.map((m) => m.subject).filter((s) => s.startsWith(UPDATED))).toEqual([]);
      const regs = await ctx.db.select().from(eventRegistrations).where(eq(eventRegistrations.eventId, id));
      expect(regs).toHaveLength(1);

      // A real change still moves it and tells the registrant.
      const moved = await updateEvent(
        makeStaffContext({ db: ctx.db, user: actor, ip: meta.ip, zone: orgZone }),
        id,
        EventFormSchema.parse({ ...values, startsAt: '2027-01-20T11:00', endsAt: '2027-01-20T13:00' }),
        null,
        ctxMail,
      );
      expect(moved.ok).toBe(true);
      const [later] = await ctx.db.select().from(events).where(eq(events.id, id));
      expect(later!.startsAt.toISOString()).toBe('2027-01-20T18:00:00.000Z');
      const notices = await ctx.db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, input.email));
      expect(notices.filter((m) => m.subject.startsWith(UPDATED))).toHaveLength(1);
    });
  }

  it('refuses an event time in Juárez’s spring-forward gap, beside the field', () => {
    const r = EventFormSchema.safeParse({
      title: 'Taller en Juárez',
      place: 'Biblioteca',
      municipalityId: '08037',
      startsAt: '2026-03-08T02:30',
      endsAt: '2026-03-08T04:00',
      capacity: '20',
      registrationOpensAt: '2026-02-01T09:00',
      registrationClosesAt: '2026-03-07T18:00',
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => [i.path.join('.'), i.message])).toContainEqual([
      'startsAt',
      'Esa hora no existe en Ciudad Juárez ese día por el cambio de horario; elige otra.',
    ]);
    // The same time in Chihuahua city exists.
    const chihuahua = EventFormSchema.safeParse({
      title: 'Taller en Chihuahua',
      place: 'Biblioteca',
      municipalityId: '08019',
      startsAt: '2026-03-08T02:30',
      endsAt: '2026-03-08T04:00',
      capacity: '20',
      registrationOpensAt: '2026-02-01T09:00',
      registrationClosesAt: '2026-03-07T18:00',
    });
    expect(chihuahua.success).toBe(true);
  });
});
