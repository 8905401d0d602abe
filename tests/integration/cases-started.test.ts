import { expect, it } from 'vitest';
import { users } from '~db/schema';
import { type Actor, createContact, describeDraft } from '~/features/cases/cases.server';
import { ContactSchema } from '~/features/cases/schemas';
import { makeStaffContext } from '~/lib/server/context';
import { describeEachDb } from '../helpers/db';

const TZ = 'America/Chihuahua';
const meta = { ip: '10.9.0.2' };
// 2026-12-01 10:00 in Chihuahua (UTC−6).
const NOW = new Date('2026-12-01T16:00:00Z');

describeEachDb('case entry start time', (ctx) => {
  async function operator(): Promise<Actor> {
    const [u] = await ctx.db
      .insert(users)
      .values({
        name: 'Hora',
        email: `hora-${Math.random().toString(36).slice(2, 8)}@vinculo.test`,
        role: 'operator',
      })
      .returning();
    return { id: u!.id, role: 'operator' };
  }
  const call = async (actor: Actor, fields: Record<string, string>) =>
    createContact(
      makeStaffContext({ db: ctx.db, user: actor, ip: meta.ip, zone: TZ, now: () => NOW }),
      ContactSchema.parse({ channel: 'phone', durationMinutes: '2', callType: 'silent', ...fields }),
    );

  it('refuses a future start and a start over 24 hours ago unless confirmed, beside the field', async () => {
    const op = await operator();
    const future = await call(op, { startedDate: '2026-12-01', startedTime: '13:52' });
    expect(future).toMatchObject({
      ok: false,
      errors: { startedAt: expect.stringMatching(/todavía no llega/) },
    });
    const old = await call(op, { startedDate: '2026-11-29', startedTime: '09:00' });
    expect(old).toMatchObject({ ok: false, errors: { startedAt: expect.stringMatching(/más de 24 horas/) } });
    const confirmed = await call(op, {
      startedDate: '2026-11-29',
      startedTime: '09:00',
      startedAtConfirmed: 'on',
    });
    expect(confirmed.ok).toBe(true);
    const early = await call(op, { startedDate: '2026-12-01', startedTime: '1:52' });
    expect(early.ok).toBe(true);
  });

  it('names a waiting draft by its time and caller', () => {
    const at = new Date('2026-12-01T16:42:00Z');
    expect(describeDraft({ data: { personName: 'Ana López' }, updatedAt: at }, TZ, NOW)).toEqual({
      time: '10:42',
      caller: 'Ana López',
    });
    expect(
      describeDraft(
        { data: { anonymous: 'on', personName: 'x', callerRole: 'witness' }, updatedAt: at },
        TZ,
        NOW,
      ).caller,
    ).toBe('testigo sin nombre');
  });
});
