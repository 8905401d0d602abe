import type { APIRoute } from 'astro';
import { pingDatabase } from '~/lib/server/db';

/** 200 with a database round-trip; 503 when the database cannot be reached. */
export const GET: APIRoute = async () => {
  const started = performance.now();
  try {
    await pingDatabase();
    const ms = Math.round(performance.now() - started);
    return Response.json({ status: 'ok', database: 'ok', ms }, { headers: { 'Cache-Control': 'no-store' } });
  } catch {
    return Response.json(
      { status: 'error', database: 'unreachable' },
      { status: 503, headers: { 'Cache-Control': 'no-store' } },
    );
  }
};
