import type { APIRoute } from 'astro';
import { SESSION_COOKIE, invalidateSession } from '~/lib/server/auth/session';
import { getDb } from '~/lib/server/db';
import { writeAudit } from '~/lib/server/audit';
import { log } from '~/lib/server/log';
import { endStateOnLogout } from '~/features/floor';

/** POST only: a link or an image cannot sign anyone out. */
export const POST: APIRoute = async ({ locals, cookies, redirect }) => {
  if (locals.session) {
    try {
      const db = await getDb();
      await invalidateSession(db, locals.session.id);
      if (locals.user) await endStateOnLogout(db, locals.user.id);
      await writeAudit(db, {
        actorUserId: locals.user?.id ?? null,
        action: 'logout',
        entity: 'user',
        entityId: locals.user?.id ?? '',
        ip: locals.ip,
      });
    } catch (error) {
      log.error({ area: 'logout', err: error }, 'no se pudo cerrar la sesión en la base');
    }
  }
  cookies.delete(SESSION_COOKIE, { path: '/' });
  return redirect('/login?motivo=salida', 303);
};

export const GET: APIRoute = ({ redirect }) => redirect('/app', 303);
