import type { APIRoute } from 'astro';
import { findReport, loadReport } from '~/features/reports/catalog';
import { canViewReport } from '~/features/reports/definition';
import { listCsv, tableCsv } from '~/features/reports/present';
import { csvResponse, toCsv } from '~/lib/csv';
import { config } from '~/lib/server/config';
import { getDb } from '~/lib/server/db';
import { renderErrorPage } from '~/lib/server/error-page';
import { log } from '~/lib/server/log';

/**
 * The CSV of a report: the same definition, query string and suppression as the page, so the
 * file holds exactly the table on screen. `tabla=<id>` picks one of the report's lists instead.
 */
export const GET: APIRoute = async ({ params, url, locals }) => {
  const report = findReport(params.informe);
  if (!report) return new Response('No existe ese informe.', { status: 404 });
  if (!locals.user || !canViewReport(locals.user.role, report)) return renderErrorPage(403, 'forbidden');

  let loaded;
  try {
    loaded = await loadReport(await getDb(), report, url.searchParams, config().timeZone);
  } catch (error) {
    log.error({ area: 'reportes', report: report.slug, err: error }, 'no se pudo exportar el informe');
    return renderErrorPage(503, 'db');
  }
  const { query } = loaded.parsed;
  const listId = url.searchParams.get('tabla');
  const list = listId ? loaded.lists.find((l) => l.id === listId) : undefined;
  if (listId && !list) return new Response('No existe esa tabla en el informe.', { status: 404 });
  const { header, rows } = list ? listCsv(list) : tableCsv(loaded.table);
  const name = [report.slug, list ? list.id : `por-${query.by}`, query.from, query.to].join('_');
  return csvResponse(`${name}.csv`, toCsv(header, rows));
};
