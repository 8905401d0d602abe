import type { APIRoute } from 'astro';
import { eventIcs } from '~/features/events/ics';
import { getRegistrationByToken } from '~/features/events/registration.server';
import { getDb } from '~/lib/server/db';
import { config } from '~/lib/server/config';
import { getSettings } from '~/lib/server/settings';

/** The calendar file behind the manage page's "add to calendar" button. */
export const GET: APIRoute = async ({ params }) => {
  const db = await getDb();
  const found = await getRegistrationByToken(db, params.token ?? '');
  if (!found || found.registration.status === 'cancelled')
    return new Response('No encontrado', { status: 404 });
  const settings = await getSettings(db);
  const publicUrl = config().publicUrl;
  const body = eventIcs(found.event, {
    eventUrl: `${publicUrl}/eventos/${found.event.slug}`,
    organizer: settings.orgName,
    host: new URL(publicUrl).host,
  });
  return new Response(body, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'attachment; filename="evento.ics"',
      'Cache-Control': 'no-store',
    },
  });
};
