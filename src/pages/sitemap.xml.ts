import type { APIRoute } from 'astro';
import { listUpcomingEvents } from '~/features/events/public.server';
import { listActiveWorkshops } from '~/features/requests/catalogue.server';
import { config } from '~/lib/server/config';
import { getDb } from '~/lib/server/db';
import { log } from '~/lib/server/log';

const escapeXml = (text: string) =>
  text.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!,
  );

/**
 * Every public page in both languages, each with its hreflang alternates (absolute URLs). The
 * private ones (status and manage links, ARCO status, constancia verification) are not listed,
 * and robots.txt keeps crawlers out of them.
 */
export const GET: APIRoute = async () => {
  const base = config().publicUrl;
  const paths = [
    '/',
    '/talleres',
    '/talleres/solicitar',
    '/eventos',
    '/aviso-de-privacidad',
    '/derechos-arco',
    '/solicitud/recuperar',
    '/registro/recuperar',
  ];
  try {
    const db = await getDb();
    const [workshops, events] = await Promise.all([listActiveWorkshops(db), listUpcomingEvents(db)]);
    paths.push(...workshops.map((w) => `/talleres/${w.slug}`), ...events.map((e) => `/eventos/${e.slug}`));
  } catch (error) {
    log.error({ area: 'sitemap', err: error }, 'no se pudo leer el catálogo');
    return new Response('', { status: 503 });
  }
  const english = (path: string) => (path === '/' ? '/en/' : `/en${path}`);
  const urls = paths.flatMap((path) => {
    const alternates = [
      `<xhtml:link rel="alternate" hreflang="es-MX" href="${escapeXml(base + path)}"/>`,
      `<xhtml:link rel="alternate" hreflang="en" href="${escapeXml(base + english(path))}"/>`,
      `<xhtml:link rel="alternate" hreflang="x-default" href="${escapeXml(base + path)}"/>`,
    ].join('');
    return [path, english(path)].map((p) => `<url><loc>${escapeXml(base + p)}</loc>${alternates}</url>`);
  });
  const body =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' +
    urls.join('\n') +
    '\n</urlset>\n';
  return new Response(body, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
