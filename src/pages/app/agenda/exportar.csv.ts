import type { APIRoute } from 'astro';
import { exportActivitiesCsv } from '~/features/scheduling/queries.server';
import { ExportSchema } from '~/features/scheduling/schemas';
import { startOfDay } from '~/lib/time';
import { writeAudit } from '~/lib/server/audit';
import { config } from '~/lib/server/config';
import { getDb } from '~/lib/server/db';
import { log } from '~/lib/server/log';

/** CSV of activities for a date range (both days included, organisation's calendar days). */
export const GET: APIRoute = async ({ url, locals, redirect }) => {
  const parsed = ExportSchema.safeParse({
    desde: url.searchParams.get('desde') ?? '',
    hasta: url.searchParams.get('hasta') ?? '',
  });
  if (!parsed.success) {
    const message = parsed.error.issues[0]?.message ?? 'Revisa las fechas.';
    return redirect(`/app/agenda/exportar?error=${encodeURIComponent(message)}`, 303);
  }
  const zone = config().timeZone;
  const start = startOfDay(parsed.data.desde, zone);
  const end = startOfDay(parsed.data.hasta, zone, 1);
  if (end.getTime() - start.getTime() > 400 * 24 * 60 * 60 * 1000) {
    return redirect(
      `/app/agenda/exportar?error=${encodeURIComponent('Exporta como máximo un año a la vez.')}`,
      303,
    );
  }
  try {
    const db = await getDb();
    const csv = await exportActivitiesCsv(db, start, end);
    await writeAudit(db, {
      actorUserId: locals.user!.id,
      action: 'activity.export',
      ip: locals.ip,
      details: { from: parsed.data.desde, to: parsed.data.hasta },
    });
    return new Response(csv, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="actividades-${parsed.data.desde}-a-${parsed.data.hasta}.csv"`,
      },
    });
  } catch (error) {
    log.error({ area: 'agenda', err: error }, 'exportar');
    return redirect(
      `/app/agenda/exportar?error=${encodeURIComponent('No se pudo leer la base de datos. Intenta de nuevo en un momento.')}`,
      303,
    );
  }
};
