import { makeStaffContext } from '~/lib/server/context';
import { and, eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { contentPosts, users } from '~db/schema';
import { cancelEvent, publishEvent, updateEvent } from '~/features/events/admin.server';
import { describeEachDb } from '../helpers/db';
import { mailCtx, makeEvent } from '../helpers/events';

describeEachDb('events on the content calendar', (ctx) => {
  const meta = { ip: null };
  const seriesOf = (id: number) =>
    ctx.db
      .select({
        role: contentPosts.seriesRole,
        plannedAt: contentPosts.plannedAt,
        status: contentPosts.status,
        assigneeId: contentPosts.assigneeId,
      })
      .from(contentPosts)
      .where(and(eq(contentPosts.promotesKind, 'event'), eq(contentPosts.promotesId, id)))
      .orderBy(contentPosts.plannedAt);

  it('publishing an event plans its announce, reminder and recap; moving it moves them; cancelling cancels them', async () => {
    const [u] = await ctx.db
      .insert(users)
      .values({
        name: 'Daniela Quintana',
        email: `comms-ev-${Math.random().toString(36).slice(2, 7)}@vinculo.test`,
        role: 'comms',
      })
      .returning();
    const actor = { id: u!.id, name: u!.name, email: u!.email, role: u!.role };
    const start = new Date('2030-03-10T23:00:00Z');
    const event = await makeEvent(ctx.db, {
      status: 'draft',
      startsAt: start,
      endsAt: new Date('2030-03-11T01:00:00Z'),
    });
    expect(await publishEvent(makeStaffContext({ db: ctx.db, user: actor, ip: meta.ip }), event.id)).toEqual({
      ok: true,
    });
    const planned = await seriesOf(event.id);
    expect(planned.map((p) => p.role)).toEqual(['announce', 'reminder', 'recap']);
    expect(planned[0]!.plannedAt.getTime()).toBe(start.getTime() - 14 * 86_400_000);
    expect(planned.every((p) => p.assigneeId === actor.id)).toBe(true);

    const form = {
      title: event.title,
      slug: event.slug,
      summary: '',
      description: '',
      place: event.place,
      address: event.address,
      municipalityId: '08019',
      startsAt: '2030-03-17T17:00',
      endsAt: '2030-03-17T19:00',
      registrationOpensAt: '2026-01-01T09:00',
      registrationClosesAt: '2030-03-17T12:00',
      waitlistEnabled: true,
      coverAlt: '',
      capacity: 100,
    };
    expect(
      (
        await updateEvent(
          makeStaffContext({ db: ctx.db, user: actor, ip: meta.ip, zone: 'America/Chihuahua' }),
          event.id,
          form,
          null,
          mailCtx,
        )
      ).ok,
    ).toBe(true);
    const moved = await seriesOf(event.id);
    expect(moved[0]!.plannedAt.getTime()).toBe(planned[0]!.plannedAt.getTime() + 7 * 86_400_000);

    expect(
      (
        await cancelEvent(
          makeStaffContext({ db: ctx.db, user: actor, ip: meta.ip }),
          event.id,
          'El recinto no estará disponible.',
          mailCtx,
        )
      ).ok,
    ).toBe(true);
    expect((await seriesOf(event.id)).map((p) => p.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
  });
});
