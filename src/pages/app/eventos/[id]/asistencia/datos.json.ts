import { parseId } from '~/lib/params';
import type { APIRoute } from 'astro';
import { checkinList, checkinState } from '~/features/events/checkin.server';
import { can } from '~/lib/policy';
import { getDb } from '~/lib/server/db';

/** The check-in list and headcount, for the phone screen to refresh. */
export const GET: APIRoute = async ({ params, locals }) => {
  if (!can(locals.user, 'events.checkin')) return Response.json({ error: 'Sin permiso.' }, { status: 403 });
  const id = parseId(params.id);
  if (id === null) return Response.json({ error: 'Evento no válido.' }, { status: 404 });
  try {
    const db = await getDb();
    const [entries, state] = await Promise.all([checkinList(db, id), checkinState(db, id)]);
    return Response.json({ entries, state }, { headers: { 'Cache-Control': 'no-store' } });
  } catch {
    return Response.json({ error: 'Sin conexión con la base de datos.' }, { status: 503 });
  }
};
