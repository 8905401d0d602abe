import type { APIRoute } from 'astro';
import { floorStream } from '~/features/floor/stream.server';
import { getDb, listen } from '~/lib/server/db';

/**
 * GET /app/linea/stream: the live floor as text/event-stream. The middleware already checked
 * the session and the policy (comms never gets here). Behind nginx: `proxy_buffering off`.
 */
export const GET: APIRoute = async ({ locals, request, url }) => {
  const user = locals.user!;
  const session = locals.session!;
  const header = request.headers.get('last-event-id') ?? url.searchParams.get('after');
  const parsed = header && /^\d{1,15}$/.test(header) ? Number(header) : null;
  const body = floorStream({
    db: await getDb(),
    listen,
    viewer: { id: user.id, role: user.role },
    sessionId: session.id,
    expiresAt: session.expiresAt < session.absoluteExpiresAt ? session.expiresAt : session.absoluteExpiresAt,
    afterId: parsed,
    signal: request.signal,
  });
  return new Response(body, {
    headers: {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Accel-Buffering': 'no',
      Connection: 'keep-alive',
    },
  });
};
