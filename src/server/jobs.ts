import { isNotNull, lt, or } from 'drizzle-orm';
import type { Db } from '~db/client';
import { passwordTokens, rateLimits } from '~db/schema';
import { localDay } from '~/lib/time';
import { markOverdueOficios } from '~/features/cases/oficios.server';
import { anonymizeExpiredCases, purgeStaleDrafts } from '~/features/cases/retention.server';
import { sendContentReminders } from '~/features/content/reminders.server';
import { eventsMailContext } from '~/features/events/context.server';
import { queueEventReminders } from '~/features/events/reminders.server';
import { runActivityReminders } from '~/features/scheduling/reminders.server';
import { endStatesWithoutSession, purgeFloorHistory } from '~/features/floor';
import { queueArcoDeadlineMails } from '~/features/arco';
import { deleteExpiredSessions } from '~/lib/server/auth/session';
import { config } from '~/lib/server/config';
import { log } from '~/lib/server/log';
import { getSettings } from '~/lib/server/settings';

export interface Job {
  name: string;
  everyMs: number;
  run(db: Db): Promise<unknown>;
}

/** Drops expired sessions, spent or expired password links, and rate-limit windows long past. */
export async function runHousekeeping(db: Db, now = new Date()): Promise<void> {
  await deleteExpiredSessions(db, now);
  await db
    .delete(passwordTokens)
    .where(or(lt(passwordTokens.expiresAt, now), isNotNull(passwordTokens.usedAt)));
  await db.delete(rateLimits).where(lt(rateLimits.windowStart, new Date(now.getTime() - 24 * 3600_000)));
}

/**
 * Periodic jobs of the server process. Each is safe to run on several instances at once
 * (their effects are idempotent or claimed in the database), so no leader election is needed.
 */
const mailContext = async (db: Db) => {
  const cfg = config();
  // The organisation's name is the admin-editable setting, read when the job runs.
  return { timeZone: cfg.timeZone, publicUrl: cfg.publicUrl, orgName: (await getSettings(db)).orgName };
};

export const JOBS: Job[] = [
  { name: 'limpieza', everyMs: 10 * 60 * 1000, run: runHousekeeping },
  // The live floor: a person whose sessions all expired is "fuera de turno".
  { name: 'línea: sesiones vencidas', everyMs: 60 * 1000, run: (db) => endStatesWithoutSession(db) },
  // The live floor's history past `floorRetentionMonths` (default 12) is deleted.
  {
    name: 'línea: conservación del historial',
    everyMs: 6 * 60 * 60 * 1000,
    run: async (db) => purgeFloorHistory(db, await getSettings(db)),
  },
  // Posts due tomorrow that are not approved yet: one reminder per post and day (idempotency key).
  {
    name: 'recordatorios de contenido',
    everyMs: 60 * 60 * 1000,
    run: async (db) => sendContentReminders(db, await mailContext(db)),
  },
  // Operators the day before, institutions two days before; never for cancelled, never twice.
  { name: 'recordatorios de actividades', everyMs: 5 * 60 * 1000, run: runActivityReminders },
  // Registrants the day before an event; one per registration (idempotency key).
  // Retention (anonymise closed cases past the period), week-old drafts, overdue oficios.
  {
    name: 'casos: conservación y oficios vencidos',
    everyMs: 60 * 60 * 1000,
    run: async (db) => {
      await anonymizeExpiredCases(db);
      await purgeStaleDrafts(db);
      await markOverdueOficios(db, localDay(new Date(), config().timeZone));
    },
  },
  // ARCO requests at 5 business days left and when overdue: one mail per state and deadline.
  {
    name: 'derechos ARCO: plazos',
    everyMs: 60 * 60 * 1000,
    run: async (db) => {
      const settings = await getSettings(db);
      const cfg = config();
      return queueArcoDeadlineMails(
        db,
        { publicUrl: cfg.publicUrl, orgName: settings.orgName, phone: settings.hotlinePhone },
        localDay(new Date(), cfg.timeZone),
      );
    },
  },
  {
    name: 'recordatorios de eventos',
    everyMs: 10 * 60 * 1000,
    run: async (db) => queueEventReminders(db, await eventsMailContext(db)),
  },
];

/** Starts every job on its interval; returns a function that stops them. Errors are logged, not thrown. */
export function startJobs(db: Db, jobs: Job[] = JOBS): () => void {
  const timers = jobs.map((job) => {
    const tick = async () => {
      try {
        await job.run(db);
      } catch (error) {
        log.error({ area: 'tareas', job: job.name, err: error }, 'una tarea periódica falló');
      }
    };
    setTimeout(tick, 2000).unref();
    return setInterval(tick, job.everyMs).unref();
  });
  return () => timers.forEach(clearInterval);
}
