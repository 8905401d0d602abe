import { parseId } from '~/lib/params';
import type { APIRoute } from 'astro';
import { ACTIVITY_STATUSES, ACTIVITY_TYPES } from '~/features/scheduling/labels';
import { activitiesInRange, toFeedEvents } from '~/features/scheduling/queries.server';
import { getDb } from '~/lib/server/db';
import { log } from '~/lib/server/log';

const MAX_RANGE_MS = 62 * 24 * 60 * 60 * 1000;

/** FullCalendar's event source: only the visible range (capped), filtered, as JSON. */
export const GET: APIRoute = async ({ url, locals }) => {
  const user = locals.user!;
  const start = new Date(url.searchParams.get('start') ?? '');
  const end = new Date(url.searchParams.get('end') ?? '');
  if (
    Number.isNaN(start.getTime()) ||
    Number.isNaN(end.getTime()) ||
    end <= start ||
    end.getTime() - start.getTime() > MAX_RANGE_MS
  ) {
    return Response.json({ error: 'Rango de fechas no válido.' }, { status: 400 });
  }
  const operatorId = parseId(url.searchParams.get('operador')) ?? undefined;
  const type = ACTIVITY_TYPES.find((t) => t === url.searchParams.get('tipo'));
  const statusParam = url.searchParams.get('estado');
  const status = statusParam === 'all' ? 'all' : ACTIVITY_STATUSES.find((s) => s === statusParam);
  try {
    const t0 = performance.now();
    const rows = await activitiesInRange(await getDb(), user, { start, end, operatorId, type, status });
    const t1 = performance.now();
    const body = JSON.stringify(toFeedEvents(user, rows));
    const t2 = performance.now();
    // Server-Timing lets the benchmark (and the browser's dev tools) see where the time goes.
    return new Response(body, {
      headers: {
        'content-type': 'application/json',
        'server-timing': `db;dur=${(t1 - t0).toFixed(1)}, json;dur=${(t2 - t1).toFixed(1)}`,
      },
    });
  } catch (error) {
    log.error({ area: 'agenda', err: error }, 'feed');
    return Response.json({ error: 'No se pudo leer la agenda.' }, { status: 503 });
  }
};
