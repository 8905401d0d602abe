import type { Role } from '~db/schema/accounts';
import type { Executor } from '~db/client';
import type { FilterSpec, Option, ReportQuery } from './params';
import type { ListTableData, ReportTableData } from './present';
import { can } from '~/lib/policy';

/**
 * What a report is: its place in the index, who may see it, its groupings and filters, and
 * the query that produces its table. Pages, the CSV endpoint and the monthly summary all go
 * through these definitions, so access and figures cannot drift apart.
 */
export type ReportArea = 'outreach' | 'events' | 'content' | 'line';

export const AREA_LABELS: Readonly<Record<ReportArea, string>> = {
  outreach: 'Prevención y talleres',
  events: 'Eventos públicos',
  content: 'Comunicación',
  line: 'Línea Ciudadana',
};

export interface ReportResult {
  table: ReportTableData;
  /** Plain lists shown under the table (e.g. evaluation comments), each with its own CSV. */
  lists: ListTableData[];
}

export interface ReportDefinition {
  slug: string;
  title: string;
  /** One sentence under the title: what is counted and by which date. */
  summary: string;
  area: ReportArea;
  /** Statistics about people: published under the disclosure control (disclosure.ts), fixed periods only. */
  suppress: boolean;
  groupings: readonly Option[];
  /** The filter selects and their options (catalogue keys only). */
  filters(db: Executor): Promise<FilterSpec[]>;
  run(db: Executor, query: ReportQuery, timeZone: string): Promise<ReportResult>;
}

/**
 * Who sees an area is the policy's 'reports.read' (src/lib/policy.ts): comms see outreach and
 * content; the line's figures, which come from cases, are for supervisors and admins only.
 */
export function canViewArea(role: Role, area: ReportArea): boolean {
  return can({ id: 0, role }, 'reports.read', { area });
}

export function canViewReport(role: Role, report: Pick<ReportDefinition, 'area'>): boolean {
  return canViewArea(role, report.area);
}
