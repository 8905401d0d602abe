import { and, eq, isNull } from 'drizzle-orm';
import { beforeAll, expect, it } from 'vitest';
import {
  caseCategories,
  cases,
  contactCategories,
  contacts,
  dirOrganizations,
  dirServices,
  followUps,
  oficios,
  referrals,
  users,
} from '~db/schema';
import { findReport, loadReport } from '~/features/reports/catalog';
import { perturbCount } from '~/features/reports/disclosure';
import { type PresentedTable, presentTable } from '~/features/reports/present';
import { describeEachDb } from '../helpers/db';
import { CHIHUAHUA, chih } from './reports.fixtures';

/** Row label → cell texts. */
function shown(table: PresentedTable): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const row of table.total ? [...table.rows, table.total] : table.rows)
    out[row.label] = row.cells.map((c) => c.text);
  return out;
}

describeEachDb('reports: the line (under the disclosure control)', (ctx) => {
  beforeAll(async () => {
    const db = ctx.db;
    const [op] = await db
      .insert(users)
      .values({ email: 'op-reportes@vinculo.test', name: 'Operadora Reportes', role: 'operator' })
      .returning({ id: users.id });
    const operatorId = op!.id;
    let folio = 0;
    const openCase = async (opened: string, closed?: string) => {
      const [row] = await db
        .insert(cases)
        .values({
          folio: `LC-T-${++folio}`,
          ownerId: operatorId,
          status: closed ? 'closed' : 'open',
          openedAt: chih(opened),
          closedAt: closed ? chih(closed) : null,
        })
        .returning({ id: cases.id });
      return row!.id;
    };
    // Cases: 8 opened in January (K1–K5 closed in February, K6 in January), 2 in February, and
    // K0 from December closed at 23:30 on 31 January (local; 1 February in UTC).
    const k: number[] = [];
    for (let i = 1; i <= 8; i++)
      k.push(
        await openCase(
          `2026-01-0${Math.min(i, 9)} 10:00`,
          i <= 5 ? '2026-02-10 10:00' : i === 6 ? '2026-01-20 10:00' : undefined,
        ),
      );
    await openCase('2026-02-15 10:00');
    await openCase('2026-02-16 10:00');
    await openCase('2025-12-20 10:00', '2026-01-31 23:30');

    const category = async (parent: string, child: string) => {
      const [p] = await db
        .select({ id: caseCategories.id })
        .from(caseCategories)
        .where(and(eq(caseCategories.name, parent), isNull(caseCategories.parentId)));
      const [c] = await db
        .select({ id: caseCategories.id })
        .from(caseCategories)
        .where(and(eq(caseCategories.name, child), eq(caseCategories.parentId, p!.id)));
      return c!.id;
    };
    const anxiety = await category('Crisis emocional', 'Ansiedad o angustia');
    const bullying = await category('Violencia escolar', 'Acoso escolar');
    const cyber = await category('Violencia escolar', 'Ciberacoso');

    type Contact = {
      at: string;
      channel: 'phone' | 'whatsapp';
      type: 'data' | 'information' | 'silent';
      risk: 'none' | 'low' | 'high';
      report: 'not_applicable' | 'encouraged' | 'filed';
      minutes: number;
      services: string[];
      categories: number[];
    };
    const contact = async (c: Contact) => {
      const [row] = await db
        .insert(contacts)
        .values({
          caseId: c.type === 'data' ? k[0]! : null,
          operatorId,
          startedAt: chih(c.at),
          channel: c.channel,
          callType: c.type,
          riskLevel: c.risk,
          reportStatus: c.report,
          durationMinutes: c.minutes,
          services: c.services,
        })
        .returning({ id: contacts.id });
      if (c.categories.length)
        await db
          .insert(contactCategories)
          .values(c.categories.map((categoryId) => ({ contactId: row!.id, categoryId })));
    };
    // January: 10 phone calls (low risk, encouraged to report, legal advice, anxiety), the last
    // at 23:30 on the 31st; 2 high-risk calls that had already reported (legal + psychological,
    // anxiety and bullying); 3 WhatsApp information requests.
    for (let i = 1; i <= 10; i++)
      await contact({
        at: i === 10 ? '2026-01-31 23:30' : `2026-01-1${i - 1} 12:00`,
        channel: 'phone',
        type: 'data',
        risk: 'low',
        report: 'encouraged',
        minutes: 10,
        services: ['legal'],
        categories: [anxiety],
      });
    for (let i = 0; i < 2; i++)
      await contact({
        at: '2026-01-20 09:00',
        channel: 'phone',
        type: 'data',
        risk: 'high',
        report: 'filed',
        minutes: 20,
        services: ['legal', 'psychological'],
        categories: [anxiety, bullying],
      });
    for (let i = 0; i < 3; i++)
      await contact({
        at: '2026-01-22 18:00',
        channel: 'whatsapp',
        type: 'information',
        risk: 'none',
        report: 'not_applicable',
        minutes: 5,
        services: [],
        categories: [],
      });
    // February: 6 WhatsApp cyberbullying contacts (the first at 00:10 on the 1st), 1 silent call.
    // The first has two subtypes of one category: it must still count once under it.
    for (let i = 0; i < 6; i++)
      await contact({
        at: i === 0 ? '2026-02-01 00:10' : '2026-02-12 16:00',
        channel: 'whatsapp',
        type: 'data',
        risk: 'low',
        report: 'encouraged',
        minutes: 10,
        services: ['psychological'],
        categories: i === 0 ? [cyber, bullying] : [cyber],
      });
    await contact({
      at: '2026-02-13 03:00',
      channel: 'phone',
      type: 'silent',
      risk: 'none',
      report: 'not_applicable',
      minutes: 0,
      services: [],
      categories: [],
    });
    // Outside: 23:30 on 31 December local, already 1 January in UTC.
    await contact({
      at: '2025-12-31 23:30',
      channel: 'phone',
      type: 'data',
      risk: 'high',
      report: 'filed',
      minutes: 30,
      services: ['legal'],
      categories: [anxiety],
    });

    // Follow-ups. January: 6 on time (one done at 23:30 on its due day), 1 late, 2 never done.
    // February: 5 on time. 2099: one still ahead.
    const follow = (due: string, done?: string) =>
      db.insert(followUps).values({
        caseId: k[0]!,
        assigneeId: operatorId,
        createdById: operatorId,
        type: 'call',
        dueOn: due,
        doneAt: done ? chih(done) : null,
        outcome: done ? 'Se habló con la persona' : '',
      });
    await follow('2026-01-15', '2026-01-15 23:30');
    for (let i = 0; i < 5; i++) await follow('2026-01-10', '2026-01-09 10:00');
    await follow('2026-01-12', '2026-01-14 10:00');
    await follow('2026-01-20');
    await follow('2026-01-25');
    for (let i = 0; i < 5; i++) await follow('2026-02-05', '2026-02-05 09:00');
    await follow('2099-01-10');

    // Referrals: January 6 to psychological care (4 attended, 2 pending), 2 to legal advice
    // (1 declined, 1 not attended); February 1 more to psychological care, attended.
    const [org1, org2] = await db
      .insert(dirOrganizations)
      .values([{ name: 'Centro de Atención a Víctimas' }, { name: 'Fiscalía Especializada' }])
      .returning({ id: dirOrganizations.id });
    const [s1, s2] = await db
      .insert(dirServices)
      .values([
        { organizationId: org1!.id, name: 'Atención psicológica' },
        { organizationId: org2!.id, name: 'Asesoría jurídica' },
      ])
      .returning({ id: dirServices.id });
    const refer = (
      serviceId: number,
      at: string,
      outcome: 'pending' | 'attended' | 'not_attended' | 'declined',
    ) =>
      db.insert(referrals).values({
        caseId: k[0]!,
        serviceId,
        referredById: operatorId,
        referredAt: chih(at),
        outcome,
        outcomeAt: outcome === 'pending' ? null : chih('2026-03-01 10:00'),
      });
    for (let i = 0; i < 4; i++) await refer(s1!.id, '2026-01-10 10:00', 'attended');
    for (let i = 0; i < 2; i++) await refer(s1!.id, '2026-01-11 10:00', 'pending');
    await refer(s2!.id, '2026-01-12 10:00', 'declined');
    await refer(s2!.id, '2026-01-13 10:00', 'not_attended');
    await refer(s1!.id, '2026-02-02 10:00', 'attended');

    // Oficios: January 6 sent (3 answered in time, 1 late, 2 overdue); February 5 answered and
    // 1 whose deadline is far ahead; a draft that does not count.
    let number = 0;
    const oficio = (sent: string | null, due: string, answered?: string) =>
      db.insert(oficios).values({
        caseId: k[0]!,
        number: `OF-T-${++number}`,
        status: sent === null ? 'draft' : answered ? 'answered' : 'sent',
        addresseeName: 'Titular de la Fiscalía',
        subject: 'Solicitud de información',
        body: 'Texto del oficio',
        sentOn: sent,
        sentMethod: sent ? 'oficialia' : null,
        responseDueOn: due,
        responseOn: answered ?? null,
        createdById: operatorId,
      });
    for (let i = 0; i < 3; i++) await oficio('2026-01-05', '2026-01-20', '2026-01-18');
    await oficio('2026-01-06', '2026-01-20', '2026-01-28');
    await oficio('2026-01-07', '2026-01-21');
    await oficio('2026-01-08', '2026-01-22');
    for (let i = 0; i < 5; i++) await oficio('2026-02-03', '2026-02-18', '2026-02-10');
    await oficio('2026-02-04', '2099-02-18');
    await oficio(null, '2026-02-18');
  });

  /**
   * The report as published, and its exact figures (the same query presented without the
   * disclosure control: what the definitions below assert). Every published count is checked
   * against the rule: a multiple of 5, within 4 of the exact count, the one its cell key gives.
   */
  const run = async (slug: string, params: Record<string, string>) => {
    const loaded = await loadReport(
      ctx.db,
      findReport(slug)!,
      new URLSearchParams(params),
      CHIHUAHUA,
      new Date('2026-11-25T15:00:00Z'),
    );
    const raw = await loaded.report.run(ctx.db, loaded.parsed.query, CHIHUAHUA);
    const exact = presentTable(raw.table, { suppress: false });
    const rawRows = raw.table.total ? [...raw.table.rows, raw.table.total] : raw.table.rows;
    const published = loaded.table.total ? [...loaded.table.rows, loaded.table.total] : loaded.table.rows;
    for (const row of rawRows) {
      // A category row published as 0 everywhere is left out (it would say "1 to 4").
      const shownRow = published.find((p) => p.key === row.key && p.label === row.label);
      for (const [i, m] of raw.table.measures.entries()) {
        if (m.format !== 'count') continue;
        const truth = row.values[m.key]!;
        const cell = shownRow?.cells[i] ?? { value: 0 };
        expect(cell.value! % 5).toBe(0);
        expect(Math.abs(cell.value! - truth)).toBeLessThanOrEqual(4);
        expect(cell.value).toBe(perturbCount(truth, row.keys![m.key]!));
        if (truth === 0) expect(cell.value).toBe(0);
      }
    }
    return { ...loaded, table: exact, published: loaded.table };
  };
  const period = { desde: '2026-01-01', hasta: '2026-02-28' };

  it('contacts by month: exact definitions, published rounded, averages only over a published 10', async () => {
    const { table, published } = await run('contactos', { ...period, por: 'mes' });
    expect(table.columns.map((c) => c.label)).toEqual([
      'Contactos',
      'Con atención (con datos)',
      'Riesgo alto',
      'Se animó a denunciar',
      'Ya había denunciado',
      'Duración promedio (min)',
    ]);
    expect(shown(table)).toEqual({
      'ene 2026': ['15', '12', '2', '10', '2', '10.3'],
      'feb 2026': ['7', '6', '0', '6', '0', '8.6'],
      Total: ['22', '18', '2', '16', '2', '9.8'],
    });
    expect(published.notes.join(' ')).toMatch(/se redondean a múltiplos de 5/);
    // The average is shown when its published basis is 10 or more, and withheld otherwise.
    for (const row of [...published.rows, published.total!])
      expect(row.cells[5]!.text === '—').toBe(row.cells[0]!.value! < 10);
  });

  it('contacts by channel, call type, category, service and risk', async () => {
    expect(shown((await run('contactos', { ...period, por: 'canal' })).table)).toEqual({
      'Llamada telefónica': ['13', '12', '2', '10', '2', '10.8'],
      WhatsApp: ['9', '6', '0', '6', '0', '8.3'],
      Total: ['22', '18', '2', '16', '2', '9.8'],
    });
    const byType = shown((await run('contactos', { ...period, por: 'tipo' })).table);
    // 3 information requests and 1 silent call.
    expect(byType['Solo información']).toEqual(['3', '0', '0', '0', '0', '5.0']);
    expect(byType.Silenciosa).toEqual(['1', '0', '0', '0', '0', '0.0']);
    expect(byType['Con datos (atención)']).toEqual(['18', '18', '2', '16', '2', '11.1']);
    const byCategory = shown((await run('contactos', { ...period, por: 'categoria' })).table);
    expect(byCategory['Crisis emocional']![0]).toBe('12');
    expect(byCategory['Violencia escolar']![0]).toBe('8');
    expect(byCategory['Sin categoría']![0]).toBe('4');
    const byService = shown((await run('contactos', { ...period, por: 'servicio' })).table);
    expect([
      byService['Asesoría legal']![0],
      byService['Asesoría psicológica']![0],
      byService['Ningún servicio registrado']![0],
    ]).toEqual(['12', '8', '4']);
    const byRisk = shown((await run('contactos', { ...period, por: 'riesgo' })).table);
    expect([byRisk.Bajo![0], byRisk.Alto![0], byRisk['Sin riesgo aparente']![0]]).toEqual(['16', '2', '4']);
    const filtered = shown(
      (await run('contactos', { ...period, por: 'mes', canal: 'whatsapp', tipo: 'data' })).table,
    );
    expect(filtered.Total).toEqual(['6', '6', '0', '6', '0', '10.0']);
  });

  it('cases opened and closed, each dated by its own moment', async () => {
    const { table } = await run('casos', { ...period, por: 'mes' });
    expect(shown(table)).toEqual({
      // K0 closed at 23:30 on 31 January local time counts in January.
      'ene 2026': ['8', '2', '2'],
      'feb 2026': ['2', '5', '2'],
      Total: ['10', '7', '4'],
    });
  });

  it('follow-up compliance against the due day', async () => {
    expect(shown((await run('seguimientos', { ...period, por: 'mes' })).table)).toEqual({
      'ene 2026': ['9', '6', '1', '2', '0', '66.7 %'],
      'feb 2026': ['5', '5', '0', '0', '0', '100.0 %'],
      Total: ['14', '11', '1', '2', '0', '78.6 %'],
    });
    const ahead = (await run('seguimientos', { desde: '2099-01-01', hasta: '2099-01-31', por: 'mes' })).table;
    expect(shown(ahead).Total).toEqual(['1', '0', '0', '0', '1', '—']);
    // Published: the rate is the published on-time over the published (on time + late +
    // overdue), and only over 10 or more; never the exact 66.7 % of 9.
    const { published } = await run('seguimientos', { ...period, por: 'mes' });
    for (const row of [...published.rows, published.total!]) {
      const [onTime, late, overdue] = [1, 2, 3].map((i) => row.cells[i]!.value!);
      const denominator = onTime! + late! + overdue!;
      expect(row.cells[5]!.text).toBe(
        denominator >= 10 ? `${((100 * onTime!) / denominator).toFixed(1)} %` : '—',
      );
    }
  });

  it('referrals by service', async () => {
    const { table } = await run('canalizaciones', { ...period, por: 'servicio' });
    expect(shown(table)).toEqual({
      'Atención psicológica (Centro de Atención a Víctimas)': ['7', '5', '0', '0', '2'],
      'Asesoría jurídica (Fiscalía Especializada)': ['2', '0', '1', '1', '0'],
      Total: ['9', '5', '1', '1', '2'],
    });
  });

  it('oficios answered and overdue', async () => {
    expect(shown((await run('oficios', { ...period, por: 'mes' })).table)).toEqual({
      'ene 2026': ['6', '4', '1', '2', '0'],
      'feb 2026': ['6', '5', '0', '0', '1'],
      Total: ['12', '9', '1', '2', '1'],
    });
  });

  it('shows an empty period as zeros', async () => {
    expect(
      shown((await run('contactos', { desde: '2025-06-01', hasta: '2025-06-30', por: 'mes' })).table),
    ).toEqual({
      'jun 2025': ['0', '0', '0', '0', '0', '—'],
      Total: ['0', '0', '0', '0', '0', '—'],
    });
  });

  it('gives the board the month with the same disclosure control as the reports', async () => {
    const { loadMonthlySummary } = await import('~/features/reports/summary.server');
    const sections = await loadMonthlySummary(
      ctx.db,
      'supervisor',
      { from: '2026-01-01', to: '2026-01-31' },
      CHIHUAHUA,
    );
    const line = sections.find((x) => x.area === 'line')!;
    const row = (label: string) => line.headlines.find((h) => h.label === label)!.cells.map((c) => c.text);
    // January; December 2025 (one contact at 23:30 on the 31st, K0 opened); January again:
    // the same figures the reports publish for those periods (the same people, the same cell).
    const totalOf = async (slug: string, desde: string, hasta: string, column: number) =>
      (await run(slug, { desde, hasta, por: 'mes' })).published.total!.cells[column]!.text;
    for (const [label, slug, column] of [
      ['Contactos', 'contactos', 0],
      ['Casos abiertos', 'casos', 0],
      ['Casos cerrados', 'casos', 1],
      ['Seguimientos a tiempo (%)', 'seguimientos', 5],
      ['Oficios vencidos sin respuesta', 'oficios', 3],
    ] as const) {
      expect(row(label)).toEqual([
        await totalOf(slug, '2026-01-01', '2026-01-31', column),
        await totalOf(slug, '2025-12-01', '2025-12-31', column),
        await totalOf(slug, '2026-01-01', '2026-01-31', column),
      ]);
    }
    expect(line.protected).toBe(true);
    // December had 1 contact and 1 case opened, never shown as such.
    expect(['0', '5']).toContain(row('Contactos')[1]);
    expect(['0', '5']).toContain(row('Casos abiertos')[1]);
    expect(line.breakdowns.map((t) => t.caption)).toEqual([
      'Contactos por canal',
      'Contactos por categoría',
      'Canalizaciones por servicio',
    ]);
  });
});
