import { asc } from 'drizzle-orm';
import type { Executor } from '~db/client';
import { municipalities } from '~db/schema';

/** Chihuahua's 67 municipalities (INEGI), by name: reference data every form with a place uses. */
export async function listMunicipalities(db: Executor): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: municipalities.id, name: municipalities.name })
    .from(municipalities)
    .orderBy(asc(municipalities.name));
}
