import { asc } from 'drizzle-orm';
import type { Executor } from '~db/client';
import { municipalities } from '~db/schema';
import { readSeedCsv } from '~db/seed/csv';

/** Chihuahua's 67 municipalities (INEGI), by name: reference data every form with a place uses. */
export async function listMunicipalities(db: Executor): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: municipalities.id, name: municipalities.name })
    .from(municipalities)
    .orderBy(asc(municipalities.name));
}

/**
 * A municipality's name from the reference file the seed loads (db/seed-data), without the
 * database: the outage page (src/pages/problema.astro) names the municipality someone chose while
 * the database could not be reached. Without the file, the code is shown as it came.
 */
export function municipalityNameOffline(id: string): string | undefined {
  if (!offlineNames) {
    try {
      offlineNames = new Map(
        readSeedCsv('chihuahua-municipios.csv').map((r) => [`${r.cve_ent}${r.cve_mun}`, r.nombre ?? '']),
      );
    } catch {
      offlineNames = new Map();
    }
  }
  return offlineNames.get(id) || undefined;
}
let offlineNames: Map<string, string> | undefined;
