import type { APIRoute } from 'astro';
import { CHANNEL_LABELS } from '~/features/content/limits';
import { listPosts } from '~/features/content/posts.server';
import { FiltersSchema } from '~/features/content/schemas';
import { STATUS_LABELS } from '~/features/content/status';
import { NO_CAMPAIGN_COLOR, textOn } from '~/features/content/view';
import { getDb } from '~/lib/server/db';
import { log } from '~/lib/server/log';

/** FullCalendar's JSON feed: posts between start and end, with the page's filters. */
export const GET: APIRoute = async ({ url }) => {
  const start = new Date(url.searchParams.get('start') ?? '');
  const end = new Date(url.searchParams.get('end') ?? '');
  if (
    Number.isNaN(start.getTime()) ||
    Number.isNaN(end.getTime()) ||
    end <= start ||
    end.getTime() - start.getTime() > 400 * 86_400_000
  ) {
    return Response.json({ error: 'Rango de fechas no válido.' }, { status: 400 });
  }
  const filters = FiltersSchema.parse(Object.fromEntries(url.searchParams));
  try {
    const posts = await listPosts(await getDb(), { ...filters, from: start, to: end });
    return Response.json(
      posts.map((p) => {
        const color = p.campaignColor ?? NO_CAMPAIGN_COLOR;
        return {
          id: String(p.id),
          title: `${p.title} · ${STATUS_LABELS[p.status]} · ${p.channels.map((c) => CHANNEL_LABELS[c]).join(', ')}`,
          start: p.plannedAt.toISOString(),
          url: `/app/contenido/publicaciones/${p.id}`,
          color,
          contrastColor: textOn(color),
          // Published and cancelled posts stay where they are.
          editable: p.status !== 'published' && p.status !== 'cancelled',
          className: `status-${p.status}`,
          extendedProps: { version: p.version, status: p.status, postTitle: p.title },
        };
      }),
      { headers: { 'Cache-Control': 'no-store' } },
    );
  } catch (error) {
    log.error({ area: 'contenido', err: error }, 'feed');
    return Response.json({ error: 'No pudimos conectar con la base de datos.' }, { status: 503 });
  }
};
