import { expect, it } from 'vitest';
import { workshopRequestWindows } from '~db/schema';
import { listTriage } from '~/features/requests/triage.server';
import { describeEachDb } from '../helpers/db';
import { makeRequest } from '../fixtures/scheduling';

describeEachDb('the triage inbox opens on what needs action, longest waiting first', (ctx) => {
  it('open: received and under review by waiting time, with windows; closed behind a filter', async () => {
    const now = new Date('2027-05-20T18:00:00Z');
    const days = (n: number) => new Date(now.getTime() - n * 86_400_000);
    const recent = await makeRequest(ctx.db, {
      status: 'received',
      createdAt: days(1),
      institutionName: 'Reciente',
    });
    const old = await makeRequest(ctx.db, {
      status: 'under_review',
      createdAt: days(9),
      institutionName: 'Antigua',
    });
    const closed = await makeRequest(ctx.db, {
      status: 'declined',
      createdAt: days(20),
      institutionName: 'Cerrada',
    });
    await ctx.db.insert(workshopRequestWindows).values([
      {
        requestId: old.id,
        startsAt: new Date('2027-06-02T16:00:00Z'),
        endsAt: new Date('2027-06-02T18:00:00Z'),
      },
      {
        requestId: old.id,
        startsAt: new Date('2027-06-01T16:00:00Z'),
        endsAt: new Date('2027-06-01T18:00:00Z'),
      },
    ]);
    const open = (await listTriage(ctx.db, now)).filter((r) => [recent.id, old.id, closed.id].includes(r.id));
    expect(open.map((r) => [r.institutionName, r.daysWaiting])).toEqual([
      ['Antigua', 9],
      ['Reciente', 1],
    ]);
    expect(open[0]!.municipality).toBe('Chihuahua');
    expect(open[0]!.windows.map((w) => w.startsAt.toISOString())).toEqual([
      '2027-06-01T16:00:00.000Z',
      '2027-06-02T16:00:00.000Z',
    ]);
    const shut = await listTriage(ctx.db, now, { view: 'closed' });
    expect(shut.map((r) => r.id)).toContain(closed.id);
    expect(shut.map((r) => r.id)).not.toContain(old.id);
  });
});
