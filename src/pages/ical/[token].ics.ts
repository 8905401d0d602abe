import type { APIRoute } from 'astro';
import { feedForToken } from '~/features/scheduling/feed-tokens.server';
import { config } from '~/lib/server/config';
import { getDb } from '~/lib/server/db';
import { log } from '~/lib/server/log';

/** A person's private iCalendar feed; the token is the only key (revocable on the profile). */
export const GET: APIRoute = async ({ params }) => {
  const token = (params.token ?? '').toLowerCase();
  try {
    const text = await feedForToken(await getDb(), token, config().publicUrl);
    if (!text)
      return new Response('Este enlace de calendario no existe o fue revocado.\n', {
        status: 404,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
      });
    return new Response(text, {
      headers: {
        'content-type': 'text/calendar; charset=utf-8',
        'content-disposition': 'inline; filename="agenda.ics"',
        'x-robots-tag': 'noindex',
      },
    });
  } catch (error) {
    log.error({ area: 'agenda', err: error }, 'feed ical');
    return new Response('El calendario no está disponible por ahora.\n', {
      status: 503,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'retry-after': '60' },
    });
  }
};
