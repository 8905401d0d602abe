import type { Role } from '~db/schema/accounts';
import type { Executor } from '~db/client';
import { AREA_ORDER, findReport } from './catalog';
import { type ReportArea, canViewArea } from './definition';
import { type ReportQuery, monthStart } from './params';
import { type MeasureFormat, type PresentedTable, formatValue, presentTable, roundValue } from './present';

/**
 * The monthly summary for the board: per area, a few headline figures for the month, the
 * month before and the year to date, and the month's breakdowns. It reuses the reports'
 * definitions (same SQL, same disclosure control), so it never disagrees with them. The year
 * to date is one of the fixed periods the protected reports accept (1 January to the end of
 * a month), perturbed as its own cell: this year-to-date minus last month's gives a range, not
 * the month (disclosure.ts).
 */
export interface Period {
  from: string;
  to: string;
}

export interface HeadlineSpec {
  label: string;
  report: string;
  /** Measure of the report's total row. */
  measure: string;
  format: MeasureFormat;
}

export interface SummarySection {
  area: ReportArea;
  title: string;
  headlines: readonly HeadlineSpec[];
  /** Breakdowns of the month: report slug and grouping. */
  breakdowns: readonly { report: string; by: string }[];
}

/** Sections of the summary. A feature's section is added here when it lands. */
export const SUMMARY_SECTIONS: readonly SummarySection[] = [
  {
    area: 'outreach',
    title: 'Actividades de prevención y personas alcanzadas',
    headlines: [
      { label: 'Actividades realizadas', report: 'actividades', measure: 'done', format: 'count' },
      { label: 'Personas alcanzadas', report: 'actividades', measure: 'people', format: 'count' },
      {
        label: 'Promedio de personas por actividad',
        report: 'actividades',
        measure: 'avgPeople',
        format: 'decimal',
      },
      { label: 'Actividades canceladas', report: 'actividades', measure: 'cancelled', format: 'count' },
    ],
    breakdowns: [
      { report: 'actividades', by: 'tipo' },
      { report: 'actividades', by: 'municipio' },
      { report: 'actividades', by: 'institucion' },
    ],
  },
  {
    area: 'outreach',
    title: 'Solicitudes de talleres y pláticas',
    headlines: [
      { label: 'Solicitudes recibidas', report: 'solicitudes', measure: 'received', format: 'count' },
      { label: 'Programadas', report: 'solicitudes', measure: 'scheduled', format: 'count' },
      { label: 'Realizadas', report: 'solicitudes', measure: 'completed', format: 'count' },
      { label: 'No aceptadas', report: 'solicitudes', measure: 'declined', format: 'count' },
      { label: 'Canceladas', report: 'solicitudes', measure: 'cancelled', format: 'count' },
      {
        label: 'Días de la solicitud a la sesión (mediana)',
        report: 'tiempo-a-sesion',
        measure: 'medianDays',
        format: 'days',
      },
      { label: 'Evaluaciones recibidas', report: 'evaluaciones', measure: 'evaluations', format: 'count' },
      {
        label: 'Calificación promedio (1 a 5)',
        report: 'evaluaciones',
        measure: 'avgScore',
        format: 'score',
      },
    ],
    breakdowns: [
      { report: 'solicitudes', by: 'municipio' },
      { report: 'solicitudes', by: 'tipo' },
      { report: 'solicitudes', by: 'tema' },
    ],
  },
  {
    area: 'content',
    title: 'Comunicación y redes sociales',
    headlines: [
      { label: 'Publicaciones planeadas', report: 'contenido', measure: 'planned', format: 'count' },
      { label: 'Publicadas', report: 'contenido', measure: 'published', format: 'count' },
      { label: 'Publicadas a tiempo', report: 'contenido', measure: 'onTime', format: 'count' },
      { label: 'Vencidas sin publicar', report: 'contenido', measure: 'overdue', format: 'count' },
    ],
    breakdowns: [
      { report: 'contenido', by: 'canal' },
      { report: 'campanas', by: 'campana' },
    ],
  },
  {
    area: 'events',
    title: 'Eventos públicos',
    headlines: [
      { label: 'Eventos', report: 'eventos', measure: 'events', format: 'count' },
      { label: 'Personas registradas', report: 'eventos', measure: 'confirmed', format: 'count' },
      { label: 'Asistieron', report: 'eventos', measure: 'attended', format: 'count' },
      { label: 'Asistencia (%)', report: 'eventos', measure: 'attendanceRate', format: 'percent' },
      { label: 'No se presentaron', report: 'eventos', measure: 'noShows', format: 'count' },
      { label: 'En lista de espera', report: 'eventos', measure: 'waiting', format: 'count' },
    ],
    breakdowns: [{ report: 'eventos', by: 'evento' }],
  },
  {
    area: 'line',
    title: 'Línea Ciudadana: contactos y casos',
    headlines: [
      { label: 'Contactos', report: 'contactos', measure: 'contacts', format: 'count' },
      { label: 'Contactos con atención', report: 'contactos', measure: 'attended', format: 'count' },
      { label: 'Se animó a denunciar', report: 'contactos', measure: 'encouraged', format: 'count' },
      { label: 'Casos abiertos', report: 'casos', measure: 'opened', format: 'count' },
      { label: 'Casos cerrados', report: 'casos', measure: 'closed', format: 'count' },
      {
        label: 'Seguimientos a tiempo (%)',
        report: 'seguimientos',
        measure: 'compliance',
        format: 'percent',
      },
      { label: 'Seguimientos vencidos', report: 'seguimientos', measure: 'overdue', format: 'count' },
      { label: 'Canalizaciones', report: 'canalizaciones', measure: 'referrals', format: 'count' },
      { label: 'Oficios vencidos sin respuesta', report: 'oficios', measure: 'overdue', format: 'count' },
    ],
    breakdowns: [
      { report: 'contactos', by: 'canal' },
      { report: 'contactos', by: 'categoria' },
      { report: 'canalizaciones', by: 'servicio' },
    ],
  },
];

export interface HeadlineRow {
  label: string;
  cells: { text: string; value: number | null }[];
}

export interface LoadedSection {
  area: ReportArea;
  title: string;
  headlines: HeadlineRow[];
  breakdowns: PresentedTable[];
  /** Figures about people, under the disclosure control: the page says so. */
  protected: boolean;
}

/** The three periods of the headline table: the month, the month before, January to the month's end. */
export function summaryPeriods(month: Period): { month: Period; previous: Period; yearToDate: Period } {
  const previousFrom = monthStart(month.from, -1);
  const previousTo = new Date(new Date(`${month.from}T00:00:00Z`).getTime() - 86_400_000)
    .toISOString()
    .slice(0, 10);
  return {
    month,
    previous: { from: previousFrom, to: previousTo },
    yearToDate: { from: `${month.from.slice(0, 4)}-01-01`, to: month.to },
  };
}

/** Runs one report for a period and returns its presented total row and table. */
async function runReport(db: Executor, slug: string, period: Period, by: string, timeZone: string) {
  const report = findReport(slug);
  if (!report) throw new Error(`Informe desconocido: ${slug}`);
  // Headline totals do not depend on the grouping; use it when the report offers it.
  const grouping = report.groupings.some((g) => g.value === by) ? by : report.groupings[0]!.value;
  const query: ReportQuery = { from: period.from, to: period.to, by: grouping, filters: {} };
  const result = await report.run(db, query, timeZone);
  return presentTable(result.table, { suppress: report.suppress });
}

export async function loadMonthlySummary(
  db: Executor,
  role: Role,
  month: Period,
  timeZone: string,
): Promise<LoadedSection[]> {
  const periods = summaryPeriods(month);
  const sections = SUMMARY_SECTIONS.filter((s) => canViewArea(role, s.area)).sort(
    (a, b) => AREA_ORDER.indexOf(a.area) - AREA_ORDER.indexOf(b.area),
  );
  // Every report run is independent: start them together (a PostgreSQL pool runs them side by
  // side; PGlite queues them).
  return Promise.all(
    sections.map(async (section) => {
      // Totals do not depend on the grouping: group by month, the cheapest for one period.
      const slugs = [...new Set(section.headlines.map((h) => h.report))];
      const runs = slugs.flatMap((slug) =>
        (Object.entries(periods) as [keyof typeof periods, Period][]).map(
          async ([name, period]) =>
            [`${slug}:${name}`, await runReport(db, slug, period, 'mes', timeZone)] as const,
        ),
      );
      const [totals, breakdowns] = await Promise.all([
        Promise.all(runs).then((pairs) => new Map(pairs)),
        Promise.all(section.breakdowns.map((b) => runReport(db, b.report, periods.month, b.by, timeZone))),
      ]);
      const headlines = section.headlines.map((h) => ({
        label: h.label,
        cells: (['month', 'previous', 'yearToDate'] as const).map((name) => {
          const table = totals.get(`${h.report}:${name}`)!;
          const i = table.columns.findIndex((c) => c.key === h.measure);
          const cell = table.total!.cells[i]!;
          // Already suppressed and rounded by presentTable; re-format for a stable text.
          return {
            text:
              cell.hidden || cell.value === null
                ? cell.text
                : formatValue(roundValue(cell.value, h.format), h.format),
            value: cell.value,
          };
        }),
      }));
      const isProtected = slugs.some((slug) => findReport(slug)!.suppress);
      return { area: section.area, title: section.title, headlines, breakdowns, protected: isProtected };
    }),
  );
}
