import { makeStaffContext } from '~/lib/server/context';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createActivity } from '~/features/scheduling/scheduling.server';
import { DB_KINDS, type TestDatabase, createTestDatabase } from '../helpers/db';
import { META, ZONE, activityInput, makePerson, setSetting } from '../fixtures/scheduling';

const ATTEMPTS = 16;

/** Many supervisors assign one operator to overlapping slots at the same moment. */
async function race(database: TestDatabase, day: string) {
  const op = await makePerson(database.db, 'operator');
  const sups = await Promise.all(Array.from({ length: 4 }, () => makePerson(database.db, 'supervisor')));
  const results = await Promise.all(
    Array.from({ length: ATTEMPTS }, (_, i) =>
      createActivity(
        makeStaffContext({ db: database.db, user: sups[i % sups.length]!, ip: META.ip, zone: ZONE }),
        activityInput([op.id], day, `10:${String(i * 3).padStart(2, '0')}`, '12:00', {
          title: `Intento ${i}`,
        }),
      ),
    ),
  );
  return results;
}

for (const kind of DB_KINDS) {
  describe(`double booking under concurrency [${kind}]`, () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await createTestDatabase(kind, { max: 20 });
      // No cover rule: its lock would serialise the writes and hide the race.
      await setSetting(database.db, 'hotlineMinOperators', '0');
    });
    afterAll(async () => {
      await database?.destroy();
    });

    it('exactly one of many concurrent overlapping assignments succeeds', async () => {
      const results = await race(database, '2027-02-01');
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      for (const r of results.filter((x) => !x.ok))
        if (!r.ok) expect(r.formError).toMatch(/ya tiene «Intento \d+»/);
    });

    it('control: without the exclusion constraint the same race double-books', async () => {
      await database.db.execute(
        sql`alter table operator_bookings drop constraint operator_bookings_no_overlap`,
      );
      const results = await race(database, '2027-02-02');
      expect(results.filter((r) => r.ok).length).toBeGreaterThan(1);
    });
  });
}
