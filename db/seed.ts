import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Db } from './client';
import { municipalities, privacyNotices, settings, users } from './schema';
import { DEFAULT_SETTINGS } from './settings-defaults';
import { seedCaseTaxonomy } from './seed/cases-taxonomy';
import { SEED_DIR, readSeedCsv } from './seed/csv';

export { parseCsv, readSeedCsv } from './seed/csv';

/** Reference data every database needs (municipalities, default settings). Idempotent. */
export async function seedReference(db: Db): Promise<void> {
  const rows = readSeedCsv('chihuahua-municipios.csv').map((r) => ({
    id: `${r.cve_ent}${r.cve_mun}`,
    name: r.nombre!,
  }));
  await db
    .insert(municipalities)
    .values(rows)
    .onConflictDoUpdate({ target: municipalities.id, set: { name: sql`excluded.name` } });
  await db
    .insert(settings)
    .values(Object.entries(DEFAULT_SETTINGS).map(([key, value]) => ({ key, value })))
    .onConflictDoNothing();
  // Forms cannot take consent without a notice in force: the first versions ship with the app.
  await db
    .insert(privacyNotices)
    .values([
      {
        kind: 'integral',
        version: '2026-1',
        title: 'Aviso de privacidad integral',
        body: readFileSync(path.join(SEED_DIR, 'aviso-integral-2026-1.txt'), 'utf8').trim(),
        publishedAt: new Date('2026-01-15T18:00:00Z'),
      },
      {
        kind: 'simplificado',
        version: '2026-1',
        title: 'Aviso de privacidad simplificado',
        body: readFileSync(path.join(SEED_DIR, 'aviso-simplificado-2026-1.txt'), 'utf8').trim(),
        publishedAt: new Date('2026-01-15T18:00:00Z'),
      },
    ])
    .onConflictDoNothing();
  await seedCaseTaxonomy(db);
}

/** True when the database has no staff accounts yet (a brand-new install). */
export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return (row?.n ?? 0) === 0;
}
