import { signedIn } from '~/lib/server/context';
import { requestContext } from '~/lib/server/request-context';
import type { APIRoute } from 'astro';
import { exportCases } from '~/features/cases/cases.server';
import { CaseSearchSchema } from '~/features/cases/schemas';
import { toCsv } from '~/features/directory/export.server';
import { formToObject } from '~/lib/forms';
import { can } from '~/lib/policy';

/**
 * CSV of the case search (filters in the POST body, like the search itself), without names or
 * phones, inside the user's scope. The middleware already limits /app/casos; checked again here.
 */
export const POST: APIRoute = async (context) => {
  const { request, locals } = context;
  const user = locals.user;
  if (!user || !can(user, 'cases.read')) return new Response('Sin acceso', { status: 403 });
  const parsed = CaseSearchSchema.safeParse(formToObject(await request.formData()));
  if (!parsed.success)
    return new Response('Revisa los filtros de búsqueda.', {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  const { rows } = await exportCases(signedIn(await requestContext(context)), parsed.data);
  const csv = rows.length ? toCsv(rows) : 'folio,estado,categorias,responsable,apertura\r\n';
  return new Response('\ufeff' + csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="casos-${new Date().toISOString().slice(0, 10)}.csv"`,
    },
  });
};
