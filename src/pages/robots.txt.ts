import type { APIRoute } from 'astro';
import { config } from '~/lib/server/config';

/** Crawlers may read the public site; private links and the staff app are not for them. */
export const GET: APIRoute = () => {
  const body = [
    'User-agent: *',
    'Disallow: /app/',
    'Disallow: /login',
    'Disallow: /contrasena/',
    // The lost-link forms are public pages under the private links' folders.
    'Allow: /solicitud/recuperar',
    'Allow: /en/solicitud/recuperar',
    'Allow: /registro/recuperar',
    'Allow: /en/registro/recuperar',
    'Disallow: /solicitud/',
    'Disallow: /en/solicitud/',
    'Disallow: /registro/',
    'Disallow: /ical/',
    'Disallow: /constancia/',
    'Disallow: /en/constancia/',
    'Allow: /',
    '',
    `Sitemap: ${config().publicUrl}/sitemap.xml`,
    '',
  ].join('\n');
  return new Response(body, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
