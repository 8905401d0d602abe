import type { APIRoute } from 'astro';
import { HSDS_TABLES, type HsdsTable, exportHsds, toCsv } from '~/features/directory/export.server';
import { getDb } from '~/lib/server/db';

/** HSDS-style export: ?formato=json (all tables) or ?formato=csv&tabla=services (one table). Guarded by the middleware. */
export const GET: APIRoute = async ({ url }) => {
  const data = await exportHsds(await getDb());
  const stamp = new Date().toISOString().slice(0, 10);
  if (url.searchParams.get('formato') === 'csv') {
    const table = url.searchParams.get('tabla') as HsdsTable;
    if (!HSDS_TABLES.includes(table)) return new Response('Tabla no válida', { status: 400 });
    return new Response('\ufeff' + toCsv(data[table] as Record<string, string>[]), {
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="directorio-${table}-${stamp}.csv"`,
      },
    });
  }
  return new Response(JSON.stringify({ hsds_version: '3.0-style', exported: stamp, ...data }, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="directorio-hsds-${stamp}.json"`,
    },
  });
};
