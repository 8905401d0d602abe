import { beforeAll, expect, it } from 'vitest';
import { contentCampaigns, contentPosts } from '~db/schema';
import { findReport, loadReport } from '~/features/reports/catalog';
import type { PresentedTable } from '~/features/reports/present';
import { describeEachDb } from '../helpers/db';
import { CHIHUAHUA, chih } from './reports.fixtures';

function figures(table: PresentedTable) {
  const out: Record<string, Record<string, number | null>> = {};
  for (const row of table.total ? [...table.rows, table.total] : table.rows) {
    out[row.key] = Object.fromEntries(table.columns.map((c, i) => [c.key, row.cells[i]!.value]));
  }
  return out;
}

describeEachDb('reports: content calendar', (ctx) => {
  const campaign: Record<string, number> = {};
  beforeAll(async () => {
    const rows = await ctx.db
      .insert(contentCampaigns)
      .values([
        {
          name: '25N: vivir sin violencia',
          startsOn: '2026-11-01',
          endsOn: '2026-11-30',
          resultReach: 1000,
          resultCalls: 12,
        },
        { name: 'Regreso a clases seguro', startsOn: '2026-08-15', endsOn: '2026-09-15' },
      ])
      .returning({ id: contentCampaigns.id });
    campaign.c1 = rows[0]!.id;
    campaign.c2 = rows[1]!.id;
    type Channel = 'facebook' | 'instagram' | 'x' | 'whatsapp';
    const post = (p: {
      campaign?: number;
      channels: Channel[];
      planned: string;
      status: 'draft' | 'approved' | 'scheduled' | 'published' | 'cancelled';
      published?: string;
    }) =>
      ctx.db.insert(contentPosts).values({
        campaignId: p.campaign ?? null,
        title: `Publicación ${p.planned}`,
        channels: p.channels,
        plannedAt: chih(p.planned),
        status: p.status,
        publishedAt: p.published ? chih(p.published) : null,
        publishedWhere: p.published ? p.channels.join(', ') : null,
      });
    // P1 on time, P2 a day late, P3 still a draft after its date (overdue), P5 cancelled.
    await post({
      campaign: campaign.c1,
      channels: ['facebook', 'instagram'],
      planned: '2026-11-10 10:00',
      status: 'published',
      published: '2026-11-10 12:00',
    });
    await post({
      campaign: campaign.c1,
      channels: ['x'],
      planned: '2026-11-12 10:00',
      status: 'published',
      published: '2026-11-13 09:00',
    });
    await post({
      campaign: campaign.c1,
      channels: ['facebook'],
      planned: '2026-11-20 10:00',
      status: 'draft',
    });
    // P4 at 23:30 on 31 October local (1 November in UTC): October, published on time.
    await post({
      channels: ['whatsapp'],
      planned: '2026-10-31 23:30',
      status: 'published',
      published: '2026-10-31 23:30',
    });
    await post({
      campaign: campaign.c1,
      channels: ['facebook'],
      planned: '2026-11-21 10:00',
      status: 'cancelled',
    });
    // P6 in the future: in preparation, not overdue.
    await post({
      campaign: campaign.c2,
      channels: ['instagram'],
      planned: '2027-01-10 10:00',
      status: 'scheduled',
    });
  });

  const run = (slug: string, params: Record<string, string>) =>
    loadReport(
      ctx.db,
      findReport(slug)!,
      new URLSearchParams(params),
      CHIHUAHUA,
      new Date('2026-11-25T15:00:00Z'),
    );
  const p = (
    planned: number,
    published: number,
    onTime: number,
    inProgress: number,
    overdue: number,
    publishedRate: number | null,
  ) => ({ planned, published, onTime, inProgress, overdue, publishedRate });
  const period = { desde: '2026-10-01', hasta: '2027-01-31' };

  it('counts planned and published posts by local month', async () => {
    const { table } = await run('contenido', { ...period, por: 'mes' });
    expect(figures(table)).toEqual({
      '2026-10': p(1, 1, 1, 0, 0, 100),
      '2026-11': p(3, 2, 1, 0, 1, 66.7),
      '2026-12': p(0, 0, 0, 0, 0, null),
      '2027-01': p(1, 0, 0, 1, 0, 0),
      total: p(5, 3, 2, 1, 1, 60),
    });
  });

  it('groups by channel (a post counts in each of its channels) and by campaign', async () => {
    const byChannel = figures((await run('contenido', { ...period, por: 'canal' })).table);
    expect(byChannel).toEqual({
      facebook: p(2, 1, 1, 0, 1, 50),
      instagram: p(2, 1, 1, 1, 0, 50),
      x: p(1, 1, 0, 0, 0, 100),
      whatsapp: p(1, 1, 1, 0, 0, 100),
      total: p(5, 3, 2, 1, 1, 60),
    });
    const byCampaign = await run('contenido', { ...period, por: 'campana' });
    expect(figures(byCampaign.table)).toEqual({
      [String(campaign.c1)]: p(3, 2, 1, 0, 1, 66.7),
      '': p(1, 1, 1, 0, 0, 100),
      [String(campaign.c2)]: p(1, 0, 0, 1, 0, 0),
      total: p(5, 3, 2, 1, 1, 60),
    });
    expect(byCampaign.table.rows.find((r) => r.key === '')!.label).toBe('Sin campaña');
    const filtered = await run('contenido', {
      ...period,
      por: 'mes',
      canal: 'facebook',
      campana: String(campaign.c1),
    });
    expect(figures(filtered.table).total).toEqual(p(2, 1, 1, 0, 1, 50));
  });

  it('sums campaign results, showing unrecorded results as a dash', async () => {
    const november = await run('campanas', { desde: '2026-11-01', hasta: '2026-11-30' });
    expect(figures(november.table)).toEqual({
      [String(campaign.c1)]: { planned: 3, published: 2, reach: 1000, calls: 12, registrations: null },
      total: { planned: 3, published: 2, reach: 1000, calls: 12, registrations: null },
    });
    expect(november.table.rows[0]!.label).toBe('25N: vivir sin violencia (01/11/2026 – 30/11/2026)');
    expect(november.table.total!.cells.map((c) => c.text)).toEqual(['3', '2', '1,000', '12', '—']);
    const autumn = await run('campanas', { desde: '2026-08-01', hasta: '2026-12-31' });
    expect(figures(autumn.table).total).toEqual({
      planned: 4,
      published: 2,
      reach: 1000,
      calls: 12,
      registrations: null,
    });
    const none = await run('campanas', { desde: '2026-01-01', hasta: '2026-01-31' });
    expect(none.table.rows).toEqual([]);
  });

  it('appears in the monthly summary for communications staff', async () => {
    const { loadMonthlySummary } = await import('~/features/reports/summary.server');
    const sections = await loadMonthlySummary(
      ctx.db,
      'comms',
      { from: '2026-11-01', to: '2026-11-30' },
      CHIHUAHUA,
    );
    // Comms see outreach (activities, requests, their public events) and content; never the line.
    expect(sections.map((x) => x.area)).toEqual(['outreach', 'outreach', 'events', 'content']);
    const content = sections.find((x) => x.area === 'content')!;
    const row = (label: string) => content.headlines.find((h) => h.label === label)!.cells.map((c) => c.text);
    // November: P1, P2, P3; October: P4; January–November: all four.
    expect(row('Publicaciones planeadas')).toEqual(['3', '1', '4']);
    expect(row('Publicadas')).toEqual(['2', '1', '3']);
    expect(row('Publicadas a tiempo')).toEqual(['1', '1', '2']);
    expect(row('Vencidas sin publicar')).toEqual(['1', '0', '1']);
    expect(content.breakdowns.map((t) => t.caption)).toEqual([
      'Publicaciones por canal',
      'Resultados por campaña',
    ]);
  });
  it('calls a draft "vencida" only once its planned day is over, not its planned minute', async () => {
    // A draft planned for 00:00 today (local) is still today's work: in preparation.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: CHIHUAHUA }).format(new Date());
    await ctx.db.insert(contentPosts).values({
      title: 'Borrador de hoy',
      channels: ['facebook'],
      plannedAt: chih(`${today} 00:00`),
      status: 'draft',
    });
    const { table } = await loadReport(
      ctx.db,
      findReport('contenido')!,
      new URLSearchParams({ desde: today, hasta: today, por: 'dia' }),
      CHIHUAHUA,
    );
    expect(figures(table)[today]).toMatchObject({ planned: 1, inProgress: 1, overdue: 0 });
  });
});
