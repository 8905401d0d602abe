import { expect, it } from 'vitest';
import { caseAssignees, cases, contactDrafts, followUps, users } from '~db/schema';
import type { Role } from '~db/schema/accounts';
import { loadToday, panelsFor } from '~/features/today';
import { DEFAULT_SETTINGS } from '~/lib/server/settings';
import { describeEachDb } from '../helpers/db';

const TZ = 'America/Chihuahua';
// 2026-11-25, 10:00 in Chihuahua (UTC-6).
const NOW = new Date('2026-11-25T16:00:00Z');
const opts = { now: NOW, timeZone: TZ, settings: DEFAULT_SETTINGS, ip: null };

describeEachDb('today page loader', (ctx) => {
  let n = 0;
  async function makeUser(role: Role, name: string) {
    const [u] = await ctx.db
      .insert(users)
      .values({ name, email: `hoy${++n}-${Math.random().toString(36).slice(2, 7)}@vinculo.test`, role })
      .returning();
    return { id: u!.id, role };
  }
  async function makeCase(ownerId: number, personName: string, personPhone: string) {
    const [c] = await ctx.db
      .insert(cases)
      .values({ folio: `LC-2026-9${String(++n).padStart(4, '0')}`, ownerId, personName, personPhone })
      .returning();
    return c!;
  }
  const due = (caseId: number, assigneeId: number, dueOn: string, type: 'call' | 'visit' = 'call') =>
    ctx.db.insert(followUps).values({ caseId, assigneeId, type, dueOn, createdById: assigneeId });

  it("shows an operator only their own follow-ups, never a colleague's, even on a shared case", async () => {
    const ana = await makeUser('operator', 'Ana Hoy');
    const beto = await makeUser('operator', 'Beto Hoy');
    const sup = await makeUser('supervisor', 'Sara Hoy');
    const anaCase = await makeCase(ana.id, 'María López', '6141112233');
    const betoCase = await makeCase(beto.id, 'Julia Pérez', '6144445566');
    // Ana is also assigned to Beto's case; Beto's follow-up on it is still Beto's.
    await ctx.db.insert(caseAssignees).values({ caseId: betoCase.id, userId: ana.id });
    await due(anaCase.id, ana.id, '2026-11-23'); // overdue
    await due(anaCase.id, ana.id, '2026-11-25', 'visit'); // today
    await due(anaCase.id, ana.id, '2026-11-27'); // not yet due: not on the today page
    await due(betoCase.id, beto.id, '2026-11-24');
    await due(betoCase.id, beto.id, '2026-11-25');
    // A follow-up still assigned to Ana on a case she no longer owns or is assigned to stays out.
    const otherCase = await makeCase(beto.id, 'Rosa Fuera', '6147778899');
    await due(otherCase.id, ana.id, '2026-11-24');

    const forAna = await loadToday(ctx.db, ana, opts);
    expect(forAna.panels).toEqual(['activities', 'followUps', 'oficios', 'draft']);
    expect(forAna.followUps.map((f) => [f.personName, f.dueOn, f.overdue, f.reason])).toEqual([
      ['María López', '2026-11-23', true, 'Llamada'],
      ['María López', '2026-11-25', false, 'Visita'],
    ]);
    expect(forAna.followUps.every((f) => f.personPhone === '6141112233')).toBe(true);

    const forBeto = await loadToday(ctx.db, beto, opts);
    expect(forBeto.followUps.map((f) => [f.personName, f.dueOn])).toEqual([
      ['Julia Pérez', '2026-11-24'],
      ['Julia Pérez', '2026-11-25'],
    ]);

    // The supervisor sees no one's names, but the overdue count per person.
    const forSup = await loadToday(ctx.db, sup, opts);
    expect(forSup.panels).toEqual(['triage', 'coverage', 'overdueByOperator', 'signatures']);
    expect(forSup.followUps).toEqual([]);
    expect(forSup.overdueByOperator.map((o) => [o.operatorName, o.overdue])).toEqual([
      ['Ana Hoy', 2],
      ['Beto Hoy', 1],
    ]);
    expect(forSup.coverage.map((c) => `${c.from}-${c.to}`)).toEqual(['08:00-14:00', '14:00-20:00']);
  });

  it('shows an operator their own unsaved draft only', async () => {
    const ana = await makeUser('operator', 'Ana Borrador');
    const beto = await makeUser('operator', 'Beto Borrador');
    await ctx.db.insert(contactDrafts).values({ userId: beto.id, data: { summary: 'a medias' } });
    expect((await loadToday(ctx.db, ana, opts)).draftSavedAt).toBeNull();
    expect((await loadToday(ctx.db, beto, opts)).draftSavedAt).toBeInstanceOf(Date);
  });

  it('gives each role its panels, and the admin the failed outbox too', () => {
    expect(panelsFor({ id: 1, role: 'comms' })).toEqual(['posts', 'approval', 'events']);
    expect(panelsFor({ id: 1, role: 'admin' })).toEqual([
      'triage',
      'coverage',
      'overdueByOperator',
      'signatures',
      'arco',
      'outbox',
    ]);
    // The ARCO panel: admins always, supervisors only with the privacy grant.
    expect(panelsFor({ id: 1, role: 'supervisor' })).not.toContain('arco');
    expect(panelsFor({ id: 1, role: 'supervisor', grants: ['privacy'] })).toContain('arco');
  });
});
