import { localDay } from '../src/lib/time';
import { markOverdueOficios } from '../src/features/cases/oficios.server';
import {
  anonymizeExpiredCases,
  getRetentionYears,
  purgeStaleDrafts,
} from '../src/features/cases/retention.server';
import { readConfig } from '../src/lib/server/config';
import { openConfigured } from './db-common';

// Daily case jobs for cron (e.g. 03:00): anonymise closed cases past the retention period, drop
// week-old unsaved drafts and mark unanswered oficios overdue. Safe to run from several machines at once (row locks, idempotent).
//   npx tsx scripts/cases-jobs.ts
const database = await openConfigured();
try {
  const years = await getRetentionYears(database.db);
  const anonymized = await anonymizeExpiredCases(database.db);
  const drafts = await purgeStaleDrafts(database.db);
  const overdue = await markOverdueOficios(database.db, localDay(new Date(), readConfig().timeZone));
  console.log(
    `Conservación (${years} años tras el cierre): ${anonymized} casos anonimizados, ${drafts} borradores viejos borrados. Oficios vencidos marcados: ${overdue}.`,
  );
} finally {
  await database.close();
}
