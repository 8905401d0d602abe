import type { Role } from '~db/schema/accounts';
import type { Executor } from '~db/client';
import { type ReportArea, type ReportDefinition, canViewReport } from './definition';
import { type ParsedQuery, localToday, parseReportQuery } from './params';
import { type ListTableData, type PresentedTable, presentTable } from './present';
import { activitiesReport } from './activities.report';
import { campaignResultsReport, contentPostsReport } from './content.report';
import { eventsReport } from './events.report';
import { floorReport } from './floor.report';
import { followUpsReport, oficiosReport, referralsReport } from './line-followup.report';
import { casesReport, contactsReport } from './line.report';
import { requestEvaluationReport, requestLeadTimeReport, requestStatusReport } from './requests.report';

/** Every report, in the order of the index. A feature's reports are added here when it lands. */
export const REPORTS: readonly ReportDefinition[] = [
  activitiesReport,
  requestStatusReport,
  requestLeadTimeReport,
  requestEvaluationReport,
  eventsReport,
  contentPostsReport,
  campaignResultsReport,
  contactsReport,
  casesReport,
  followUpsReport,
  referralsReport,
  oficiosReport,
  floorReport,
];

export const AREA_ORDER: readonly ReportArea[] = ['outreach', 'events', 'content', 'line'];

export function findReport(slug: string | undefined): ReportDefinition | undefined {
  return REPORTS.find((r) => r.slug === slug);
}

export function reportsFor(role: Role): ReportDefinition[] {
  return REPORTS.filter((r) => canViewReport(role, r));
}

export interface LoadedReport {
  report: ReportDefinition;
  parsed: ParsedQuery;
  filters: Awaited<ReturnType<ReportDefinition['filters']>>;
  table: PresentedTable;
  lists: ListTableData[];
}

/**
 * Reads the query string, runs the report and applies the disclosure control. The page and the CSV
 * endpoint both call this with the same URL, so the download is exactly what is shown.
 * Access must have been checked by the caller (`canViewReport`).
 */
export async function loadReport(
  db: Executor,
  report: ReportDefinition,
  search: URLSearchParams,
  timeZone: string,
  now = new Date(),
): Promise<LoadedReport> {
  const filters = await report.filters(db);
  const parsed = parseReportQuery(
    search,
    { groupings: report.groupings, filters, fixedPeriods: report.suppress },
    localToday(timeZone, now),
  );
  const result = await report.run(db, parsed.query, timeZone);
  return {
    report,
    parsed,
    filters,
    table: presentTable(result.table, { suppress: report.suppress }),
    lists: result.lists,
  };
}
