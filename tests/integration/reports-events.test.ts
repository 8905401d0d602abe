import { beforeAll, expect, it } from 'vitest';
import { eventCheckins, eventRegistrations, events, privacyNotices } from '~db/schema';
import { findReport, loadReport } from '~/features/reports/catalog';
import type { PresentedTable } from '~/features/reports/present';
import { describeEachDb } from '../helpers/db';
import { CHIHUAHUA, JUAREZ, chih } from './reports.fixtures';

function figures(table: PresentedTable) {
  const out: Record<string, Record<string, number | null>> = {};
  for (const row of table.total ? [...table.rows, table.total] : table.rows) {
    out[row.key] = Object.fromEntries(table.columns.map((c, i) => [c.key, row.cells[i]!.value]));
  }
  return out;
}

describeEachDb('reports: public events', (ctx) => {
  beforeAll(async () => {
    const [notice] = await ctx.db.select({ id: privacyNotices.id }).from(privacyNotices).limit(1);
    let n = 0;
    let mail = 0;
    const event = async (e: {
      start: string;
      status: 'draft' | 'published' | 'cancelled';
      capacity: number;
      muni?: string;
      /** An instant, when the local time is not Chihuahua's. */
      at?: Date;
    }) => {
      const start = e.at ?? chih(e.start);
      const [row] = await ctx.db
        .insert(events)
        .values({
          slug: `evento-${++n}`,
          title: `Evento ${n}`,
          place: 'Auditorio',
          municipalityId: e.muni ?? '08019',
          startsAt: start,
          endsAt: new Date(start.getTime() + 7_200_000),
          capacity: e.capacity,
          registrationOpensAt: new Date(start.getTime() - 30 * 86_400_000),
          registrationClosesAt: start,
          status: e.status,
        })
        .returning({ id: events.id });
      return row!.id;
    };
    const reg = (
      eventId: number,
      r: { status: 'confirmed' | 'waiting' | 'cancelled'; size?: number; attended?: number | true },
    ) =>
      ctx.db
        .insert(eventRegistrations)
        .values(registration(eventId, r))
        .returning({ id: eventRegistrations.id });
    const registration = (
      eventId: number,
      r: { status: 'confirmed' | 'waiting' | 'cancelled'; size?: number; attended?: number | true },
    ) =>
      ({
        eventId,
        status: r.status,
        name: 'Persona de prueba',
        email: `p${++mail}@correo.test`,
        municipalityId: '08019',
        heardFrom: 'redes_sociales',
        isGroup: (r.size ?? 1) > 1,
        groupSize: r.size ?? 1,
        privacyNoticeId: notice!.id,
        consentedAt: new Date('2026-01-01T00:00:00Z'),
        waitingSince: r.status === 'waiting' ? new Date('2026-01-02T00:00:00Z') : null,
        attendedAt: r.attended ? new Date('2026-03-10T01:00:00Z') : null,
        attendedCount: typeof r.attended === 'number' ? r.attended : null,
      }) as const;
    // E1 (March, past): 1 + 10 (8 came) + 1 no-show confirmed, 1 waiting, 1 cancelled.
    const e1 = await event({ start: '2026-03-10 18:00', status: 'published', capacity: 50 });
    await reg(e1, { status: 'confirmed', attended: true });
    await reg(e1, { status: 'confirmed', size: 10, attended: 8 });
    await reg(e1, { status: 'confirmed' });
    await reg(e1, { status: 'waiting' });
    await reg(e1, { status: 'cancelled' });
    // E2 at 23:30 on 31 March local (1 April in UTC), in Juárez: both came.
    const e2 = await event({ start: '2026-03-31 23:30', status: 'published', capacity: 20, muni: '08037' });
    await reg(e2, { status: 'confirmed', attended: true });
    await reg(e2, { status: 'confirmed', attended: true });
    // E3 cancelled, E4 a draft (left out), E5 in January 2027 (not yet held).
    const e3 = await event({ start: '2026-03-15 10:00', status: 'cancelled', capacity: 40 });
    await reg(e3, { status: 'cancelled' });
    await event({ start: '2026-03-20 10:00', status: 'draft', capacity: 40 });
    const e5 = await event({ start: '2027-01-15 10:00', status: 'published', capacity: 30 });
    for (let i = 0; i < 5; i++) await reg(e5, { status: 'confirmed' });
    for (let i = 0; i < 3; i++) await reg(e5, { status: 'waiting' });
    // E6 in Juárez at 23:30 on 30 November 2025 by the Juárez clock (UTC−7): 00:30 on 1 December
    // in Chihuahua. 4 confirmed (3 came), 1 from the waiting list let in, 2 walk-ins.
    const juarez = new Date('2025-12-01T06:30:00Z');
    expect(
      new Intl.DateTimeFormat('en-CA', {
        timeZone: JUAREZ,
        dateStyle: 'short',
        timeStyle: 'short',
        hour12: false,
      }).format(juarez),
    ).toBe('2025-11-30, 23:30');
    const e6 = await event({ start: '', at: juarez, status: 'published', capacity: 10, muni: '08037' });
    for (let i = 0; i < 3; i++) await reg(e6, { status: 'confirmed', attended: true });
    await reg(e6, { status: 'confirmed' });
    await reg(e6, { status: 'waiting', attended: true });
    await ctx.db
      .insert(eventCheckins)
      .values({ clientId: 'walk-in-e6', eventId: e6, kind: 'walk_in', count: 2, tappedAt: juarez });
  });

  it('counts walk-ins and let-in waiting-list people as attended, and dates an event by its own clock', async () => {
    const { table } = await run({ desde: '2025-11-01', hasta: '2025-12-31', por: 'mes' });
    const f = figures(table);
    // Present: 3 registered + 1 from the waiting list + 2 walk-ins = 6, as the check-in screen
    // counts them; the waiting list is empty (its one person came); 6 of 4 confirmed = 150 %.
    expect(f['2025-11']).toEqual(e(1, 10, 4, 0, 6, 1, 150, 0));
    expect(f['2025-12']).toEqual(zero);
    const byDay = figures((await run({ desde: '2025-11-01', hasta: '2025-12-31', por: 'dia' })).table);
    expect(byDay['2025-11-30']!.events).toBe(1);
    expect(byDay['2025-12-01']!.events).toBe(0);
  });

  const run = (params: Record<string, string>) =>
    loadReport(
      ctx.db,
      findReport('eventos')!,
      new URLSearchParams(params),
      CHIHUAHUA,
      new Date('2026-11-25T15:00:00Z'),
    );
  const e = (
    events: number,
    capacity: number,
    confirmed: number,
    waiting: number,
    attended: number,
    noShows: number,
    attendanceRate: number | null,
    cancelledEvents: number,
  ) => ({
    events,
    capacity,
    confirmed,
    waiting,
    attended,
    noShows,
    attendanceRate,
    cancelledEvents,
  });
  const zero = e(0, 0, 0, 0, 0, 0, null, 0);

  it('counts registrations, waiting list, attendance and no-shows in people, by local month', async () => {
    const { table } = await run({ desde: '2026-03-01', hasta: '2027-01-31', por: 'mes' });
    const f = figures(table);
    // March: E1 and E2 held; 9 + 2 of 12 + 2 came (78.6 %); the group's 2 absentees are not no-shows.
    expect(f['2026-03']).toEqual(e(2, 70, 14, 1, 11, 1, 78.6, 1));
    expect(f['2026-04']).toEqual(zero);
    // January 2027 has not happened: registrations and waiting list only.
    expect(f['2027-01']).toEqual(e(1, 30, 5, 3, 0, 0, null, 0));
    expect(f.total).toEqual(e(3, 100, 19, 4, 11, 1, 78.6, 1));
  });

  it('groups by event and by municipality, and filters', async () => {
    const byEvent = await run({ desde: '2026-03-01', hasta: '2026-03-31', por: 'evento' });
    // In date order; the cancelled event shows with nothing but its cancellation.
    expect(byEvent.table.rows.map((r) => [r.label, r.cells[2]!.value, r.cells[7]!.value])).toEqual([
      ['Evento 1 (10/03/2026)', 12, 0],
      ['Evento 3 (15/03/2026)', 0, 1],
      ['Evento 2 (31/03/2026)', 2, 0],
    ]);
    const byPlace = figures(
      (await run({ desde: '2026-03-01', hasta: '2026-03-31', por: 'municipio' })).table,
    );
    expect(byPlace['08037']).toEqual(e(1, 20, 2, 0, 2, 0, 100, 0));
    const juarez = figures(
      (await run({ desde: '2026-03-01', hasta: '2026-03-31', por: 'mes', municipio: '08037' })).table,
    );
    expect(juarez.total).toEqual(e(1, 20, 2, 0, 2, 0, 100, 0));
    const empty = figures((await run({ desde: '2025-01-01', hasta: '2025-01-31', por: 'mes' })).table);
    expect(empty).toEqual({ '2025-01': zero, total: zero });
  });

  it('summarises the month for the board and for communications staff', async () => {
    const { loadMonthlySummary } = await import('~/features/reports/summary.server');
    const sections = await loadMonthlySummary(
      ctx.db,
      'admin',
      { from: '2026-03-01', to: '2026-03-31' },
      CHIHUAHUA,
    );
    const events = sections.find((x) => x.area === 'events')!;
    const row = (label: string) => events.headlines.find((h) => h.label === label)!.cells.map((c) => c.text);
    expect(row('Eventos')).toEqual(['2', '0', '2']);
    expect(row('Asistencia (%)')).toEqual(['78.6 %', '—', '78.6 %']);
    expect(row('No se presentaron')).toEqual(['1', '0', '1']);
    const forComms = await loadMonthlySummary(
      ctx.db,
      'comms',
      { from: '2026-03-01', to: '2026-03-31' },
      CHIHUAHUA,
    );
    // Communications staff run the events, so they see these figures; the line's stay hidden.
    expect(forComms.some((x) => x.area === 'events')).toBe(true);
    expect(forComms.some((x) => x.area === 'line')).toBe(false);
  });
});
