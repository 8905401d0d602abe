import { parseId } from '~/lib/params';
import type { APIRoute } from 'astro';
import { getCoverImage } from '~/features/events/images.server';
import { getDb } from '~/lib/server/db';

/**
 * Cover images, served from the database. An upload never changes (a new cover is a new id), so
 * browsers may keep it a long time; the ETag answers revalidations with 304.
 */
export const GET: APIRoute = async ({ params, request, locals }) => {
  const id = parseId(params.id);
  if (id === null) return new Response('No encontrado', { status: 404 });
  const image = await getCoverImage(await getDb(), id, !!locals.user);
  if (!image) return new Response('No encontrado', { status: 404 });
  const etag = `"${image.sha256}"`;
  const headers = {
    'Content-Type': image.contentType,
    ETag: etag,
    'Cache-Control':
      image.status === 'published' || image.status === 'cancelled'
        ? 'public, max-age=86400'
        : 'private, no-store',
    'Content-Security-Policy': "default-src 'none'",
  };
  if (request.headers.get('if-none-match') === etag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(image.bytes), {
    headers: { ...headers, 'Content-Length': String(image.bytes.length) },
  });
};
