import { sql } from 'drizzle-orm';
import type { Db } from '../db/client';

/** Activities are spaced this far apart; with 60 operators in rotation nobody is double-booked. */
export const SPACING_S = 1296; // 2,000 per 30 days
export const OPERATORS = 60;
export const BASE = new Date('2027-01-01T06:00:00Z');

/**
 * Bulk-loads `total` one-hour activities from BASE on. Those in the first 40 days (every
 * range the benchmark reads) are assigned to one of OPERATORS operators through the real
 * table, trigger and exclusion constraint; assigning all 100k would only lengthen the load.
 */
export async function loadActivities(db: Db, total: number, from = 0): Promise<void> {
  // Numbers are inlined: bound parameters would arrive as text inside the arithmetic.
  const n = (v: number) => sql.raw(String(Math.trunc(v)));
  const base = sql.raw(`'${BASE.toISOString()}'::timestamptz`);
  await db.execute(sql`
    insert into users (name, email, role)
    select 'Operadora de prueba ' || g, 'bench' || g || '@vinculo.test', 'operator'
    from generate_series(1, ${n(OPERATORS)}) g
    on conflict do nothing`);
  await db.execute(sql`
    insert into activities (type, title, starts_at, ends_at, time_zone, place, municipality_id, status)
    select (array['workshop','public_event','field','flyering','meeting','training','other'])[1 + g % 7]::activity_type,
           'Actividad de prueba ' || g,
           ${base} + make_interval(secs => g * ${n(SPACING_S)}),
           ${base} + make_interval(secs => g * ${n(SPACING_S)} + 3600),
           'America/Chihuahua', 'Sede ' || (g % 40), '08019',
           (case when g % 10 = 0 then 'tentative' else 'confirmed' end)::activity_status
    from generate_series(${n(from + 1)}, ${n(from + total)}) g`);
  await db.execute(sql`
    insert into operator_bookings (operator_id, kind, activity_id, starts_at, ends_at)
    select u.id, 'activity', a.id, a.starts_at, a.ends_at
    from activities a
    join users u on u.email = 'bench' || (1 + (extract(epoch from a.starts_at - ${base})::bigint / ${n(SPACING_S)}) % ${n(OPERATORS)}) || '@vinculo.test'
    where a.starts_at < ${base} + interval '40 days'
      and not exists (select 1 from operator_bookings b where b.activity_id = a.id)`);
  await db.execute(sql`analyze activities`);
  await db.execute(sql`analyze operator_bookings`);
}
