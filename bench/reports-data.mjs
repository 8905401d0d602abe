// Synthetic data for the reports benchmark, generated inside PostgreSQL (generate_series), so
// a year of data loads in a second or two. Deterministic: setseed() before each batch.
import { sql } from 'drizzle-orm';

/** Raw statement runner over a Drizzle handle (postgres.js or PGlite). */
export async function exec(db, query) {
  const result = await db.execute(query);
  return Array.isArray(result) ? result : result.rows;
}

/** Catalogue topics the generated requests ask for. */
export async function ensureBenchWorkshops(db) {
  await exec(
    db,
    sql`insert into workshops (slug, title, summary, audience, duration_minutes, sort_order)
        select 'bench-' || g, 'Tema de prueba ' || g, '-', '-', 60, g from generate_series(1, 7) g
        on conflict (slug) do nothing`,
  );
}

/**
 * Inserts requests number `first`..`last` spread over the local year `year` (Chihuahua,
 * UTC−6), with a believable mix of statuses, places, institution types, 1–2 topics each, a
 * session 1–45 days later when scheduled/completed, and an evaluation for 70 % of completed.
 */
export async function insertRequests(db, first, last, year = 2026) {
  await exec(db, sql`select setseed(${(first % 1000) / 1000})`);
  await exec(
    db,
    sql`with munis as (select array_agg(id order by id) as ids from municipalities),
      notice as (select min(id) as id from privacy_notices),
      rows as (
        select g,
          (${`${year}-01-01T06:00:00Z`}::timestamptz + random() * interval '365 days') as created,
          (array['received','under_review','scheduled','declined','cancelled','completed','completed','completed'])[1 + floor(random() * 8)::int]::request_status as status,
          (array['primaria','secundaria','preparatoria','universidad','empresa','centro_comunitario','gobierno','otra'])[1 + floor(random() * 8)::int]::institution_type as itype,
          1 + floor(power(random(), 3) * 67)::int as m
        from generate_series(${first}::int, ${last}::int) g)
      insert into workshop_requests (folio, token_hash, status, institution_name, institution_type, municipality_id, address, contact_name, contact_role,
        contact_email, contact_phone, audience_description, audience_ages, expected_count, modality, privacy_notice_id, consented_at, dedupe_hash,
        scheduled_start, scheduled_end, created_at, updated_at)
      select 'B-' || g, 'bench-' || g, status, 'Institución ' || g, itype, munis.ids[m], 'Calle ' || g, 'Contacto', 'Dirección',
        'c' || g || '@bench.test', '6140000000', 'Grupo', '12-15', 30, 'presencial', notice.id, created, 'bench-' || g,
        case when status in ('scheduled', 'completed') then created + (1 + random() * 44) * interval '1 day' end,
        case when status in ('scheduled', 'completed') then created + (1 + random() * 44) * interval '1 day' + interval '2 hours' end,
        created, created
      from rows, munis, notice`,
  );
  await exec(
    db,
    sql`insert into workshop_request_topics (request_id, workshop_id)
        select r.id, w.id from workshop_requests r
        join lateral (select id from workshops where slug like 'bench-%' order by md5(r.id::text || slug) limit 1 + (r.id % 2)) w on true
        where r.folio in (select 'B-' || g from generate_series(${first}::int, ${last}::int) g)`,
  );
  await exec(
    db,
    sql`insert into workshop_request_evaluations (request_id, satisfaction, useful, comments, created_at)
        select id, 1 + floor(random() * 5)::int, case when random() < 0.5 then 'Las dinámicas' else '' end,
          case when random() < 0.3 then 'Gracias por venir' else '' end, scheduled_start + interval '1 day'
        from workshop_requests where status = 'completed' and random() < 0.7
          and folio in (select 'B-' || g from generate_series(${first}::int, ${last}::int) g)`,
  );
  await exec(db, sql`analyze workshop_requests; analyze workshop_request_topics; analyze workshop_request_evaluations`);
}
