import type { APIRoute } from 'astro';
import { ACTIVITY_STATUSES, ACTIVITY_TYPES } from '../../../features/scheduling/labels';
import { activitiesInRange, toFeedEvents } from '../../../features/scheduling/queries.server';
import { getDb } from '../../../lib/server/db';

const MAX_RANGE_MS = 62 * 24 * 60 * 60 * 1000;

/** FullCalendar's event source: only the visible range (capped), filtered, as JSON. */
export const GET: APIRoute = async ({ url, locals }) => {
  const user = locals.user!;
  const start = new Date(url.searchParams.get('start') ?? '');
  const end = new Date(url.searchParams.get('end') ?? '');
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || end <= start || end.getTime() - start.getTime() > MAX_RANGE_MS) {
    return Response.json({ error: 'Rango de fechas no válido.' }, { status: 400 });
  }
  const operatorId = Number(url.searchParams.get('operador')) || undefined;
  const type = ACTIVITY_TYPES.find((t) => t === url.searchParams.get('tipo'));
  const statusParam = url.searchParams.get('estado');
  const status = statusParam === 'all' ? 'all' : ACTIVITY_STATUSES.find((s) => s === statusParam);
  try {
    const rows = await activitiesInRange(await getDb(), user, { start, end, operatorId, type, status });
    return Response.json(toFeedEvents(user, rows));
  } catch (error) {
    console.error('[agenda] feed:', error instanceof Error ? error.message : error);
    return Response.json({ error: 'No se pudo leer la agenda.' }, { status: 503 });
  }
};
