import { parseId } from '~/lib/params';
import type { APIRoute } from 'astro';
import { getAssetFile } from '~/features/content/assets.server';
import { getDb } from '~/lib/server/db';

/**
 * Serves an uploaded file to staff. The type is the one sniffed at upload (never SVG or HTML),
 * nosniff is set by the middleware, and a sandbox CSP keeps a crafted PDF from running script.
 */
export const GET: APIRoute = async ({ params }) => {
  const id = parseId(params.id);
  if (id === null) return new Response('No encontrado', { status: 404 });
  const file = await getAssetFile(await getDb(), id);
  if (!file) return new Response('No encontrado', { status: 404 });
  const name = (file.filename ?? 'archivo').replace(/["\\\r\n]/g, '_');
  return new Response(file.data, {
    headers: {
      'Content-Type': file.mimeType!,
      'Content-Length': String(file.data.byteLength),
      'Content-Disposition': `${file.mimeType === 'application/pdf' ? 'attachment' : 'inline'}; filename*=UTF-8''${encodeURIComponent(name)}`,
      'Content-Security-Policy': "default-src 'none'; sandbox",
      'Cache-Control': 'private, max-age=300',
    },
  });
};
