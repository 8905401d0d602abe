import { asc } from 'drizzle-orm';
import type { Executor } from '~db/client';
import { municipalities } from '~db/schema';
import { parseCsv } from '~db/seed/csv';
import municipalityCsv from '~db/seed-data/chihuahua-municipios.csv?raw';

/** Chihuahua's 67 municipalities (INEGI), by name: reference data every form with a place uses. */
export async function listMunicipalities(db: Executor): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: municipalities.id, name: municipalities.name })
    .from(municipalities)
    .orderBy(asc(municipalities.name));
}

/**
 * A municipality's name from the reference file bundled at build time, without the database: the
 * outage page (src/pages/problema.astro) names the municipality someone chose while the database
 * could not be reached.
 */
export function municipalityNameOffline(id: string): string | undefined {
  offlineNames ??= new Map(
    parseCsv(municipalityCsv).map((r) => [`${r.cve_ent}${r.cve_mun}`, r.nombre ?? '']),
  );
  return offlineNames.get(id) || undefined;
}
let offlineNames: Map<string, string> | undefined;
