import { parseId } from '~/lib/params';
import type { APIRoute } from 'astro';
import { recordTap } from '~/features/events/checkin.server';
import { CheckinTapSchema } from '~/features/events/schemas';
import { can } from '~/lib/policy';
import { getDb } from '~/lib/server/db';
import { log } from '~/lib/server/log';

/**
 * One tap from the check-in screen (JSON). Idempotent by the phone's `clientId`, so the screen
 * can retry until it gets an answer. JSON bodies cannot be sent cross-site without a preflight,
 * and the Origin is checked too.
 */
export const POST: APIRoute = async ({ params, locals, request, url }) => {
  if (!can(locals.user, 'events.checkin')) return Response.json({ error: 'Sin permiso.' }, { status: 403 });
  const origin = request.headers.get('origin');
  if (origin && origin !== url.origin)
    return Response.json({ error: 'Origen no permitido.' }, { status: 403 });
  if (!request.headers.get('content-type')?.includes('application/json'))
    return Response.json({ error: 'Se esperaba JSON.' }, { status: 415 });
  const id = parseId(params.id);
  if (id === null) return Response.json({ error: 'Evento no válido.' }, { status: 404 });
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return Response.json({ error: 'Solicitud no válida.' }, { status: 400 });
  }
  const parsed = CheckinTapSchema.safeParse(body);
  if (!parsed.success) return Response.json({ error: 'Solicitud no válida.' }, { status: 400 });
  try {
    const result = await recordTap(await getDb(), id, parsed.data, locals.user!.id);
    if (!result.ok) return Response.json({ error: result.error }, { status: result.status });
    return Response.json(
      { duplicate: result.duplicate, state: result.state },
      { headers: { 'Cache-Control': 'no-store' } },
    );
  } catch (error) {
    log.error({ area: 'eventos', err: error }, 'asistencia');
    return Response.json({ error: 'Sin conexión con la base de datos.' }, { status: 503 });
  }
};
