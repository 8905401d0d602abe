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
  await exec(
    db,
    sql`analyze workshop_requests; analyze workshop_request_topics; analyze workshop_request_evaluations`,
  );
}

/** True when the table exists (a feature's data is generated only once it has landed). */
export async function hasTable(db, name) {
  const [row] = await exec(db, sql`select to_regclass(${name}) is not null as present`);
  return row.present === true;
}

/**
 * Activities number first..last over the year: mostly done with attendance, some cancelled
 * or still planned; a third in Ciudad Juárez (its own zone); workshops linked one-to-one to
 * the generated requests where those exist.
 */
export async function insertActivities(db, first, last, year = 2026) {
  await exec(db, sql`select setseed(${(first % 997) / 1000})`);
  await exec(
    db,
    sql`with munis as (select array_agg(id order by id) as ids from municipalities),
      rows as (
        select g, (${`${year}-01-01T06:00:00Z`}::timestamptz + random() * interval '365 days') as starts,
          (array['workshop','workshop','workshop','public_event','field','flyering','meeting','training'])[1 + floor(random() * 8)::int]::activity_type as type,
          (array['done','done','done','done','done','done','done','confirmed','tentative','cancelled'])[1 + floor(random() * 10)::int]::activity_status as status,
          case when random() < 0.33 then 'America/Ciudad_Juarez' else 'America/Chihuahua' end as zone,
          1 + floor(power(random(), 3) * 67)::int as m
        from generate_series(${first}::int, ${last}::int) g)
      insert into activities (type, title, starts_at, ends_at, time_zone, status, municipality_id, workshop_request_id, attendance_total)
      select type, 'Actividad ' || g, starts, starts + interval '90 minutes', zone, status, munis.ids[m],
        case when type = 'workshop' then (select id from workshop_requests where folio = 'B-' || g) end,
        case when status = 'done' and random() < 0.9 then 5 + floor(random() * 120)::int end
      from rows, munis`,
  );
  await exec(db, sql`analyze activities`);
}

/**
 * The line's data for contacts first..last: one case per five contacts (60 % later closed),
 * 60 % of contacts with data and a case, each with a category and services; follow-ups (20 %
 * of the contacts, 80 % done), referrals (10 %) and oficios (3 %) on those cases.
 */
export async function insertLine(db, first, last, year = 2026) {
  const size = last - first + 1;
  const start = `${year}-01-01T06:00:00Z`;
  await exec(db, sql`select setseed(${(first % 991) / 1000})`);
  await exec(
    db,
    sql`insert into users (email, name, role) values ('bench-op@vinculo.test', 'Operadora de prueba', 'operator') on conflict do nothing`,
  );
  const [{ op }] = await exec(db, sql`select id as op from users where email = 'bench-op@vinculo.test'`);
  if (!(await exec(db, sql`select 1 from dir_services limit 1`)).length) {
    await exec(
      db,
      sql`insert into dir_organizations (name) select 'Institución ' || g from generate_series(1, 5) g`,
    );
    await exec(
      db,
      sql`insert into dir_services (organization_id, name) select o.id, 'Servicio ' || o.id || '-' || g from dir_organizations o, generate_series(1, 4) g`,
    );
  }
  const nCases = Math.ceil(size / 5);
  const caseRows = await exec(
    db,
    sql`insert into cases (folio, owner_id, status, opened_at, closed_at)
      select 'BC-' || ${first} || '-' || g, ${op}, case when c then 'closed' else 'open' end::case_status, o, case when c then o + random() * interval '60 days' end
      from (select g, ${start}::timestamptz + random() * interval '365 days' as o, random() < 0.6 as c from generate_series(1, ${nCases}::int) g) x
      returning id`,
  );
  const minCase = Math.min(...caseRows.map((r) => r.id));
  await exec(
    db,
    sql`with cats as (select array_agg(id) as ids from case_categories where parent_id is not null),
      munis as (select array_agg(id order by id) as ids from municipalities),
      rows as (select g, random() < 0.6 as data, ${start}::timestamptz + random() * interval '365 days' as at from generate_series(${first}::int, ${last}::int) g),
      ins as (
        insert into contacts (case_id, operator_id, started_at, channel, duration_minutes, call_type, caller_role, municipality_id, services, risk_level, report_status)
        select case when data then ${minCase} + floor(random() * ${nCases})::int end, ${op}, at,
          (array['phone','phone','phone','whatsapp','whatsapp','walk_in','field','email','social'])[1 + floor(random() * 9)::int]::contact_channel,
          floor(random() * 40)::int,
          case when data then 'data' else (array['information','silent','hang_up','prank','wrong_number'])[1 + floor(random() * 5)::int] end::call_type,
          case when data then (array['victim','witness','relative','other'])[1 + floor(random() * 4)::int]::caller_role end,
          munis.ids[1 + floor(power(random(), 3) * 67)::int],
          case when data then (array['legal','psychological','crisis','accompaniment','referral'])[1 + floor(random() * 3)::int : 2 + floor(random() * 3)::int] else '{}' end,
          (array['none','low','low','medium','high'])[1 + floor(random() * 5)::int]::risk_level,
          case when data then (array['not_applicable','encouraged','encouraged','filed','declined'])[1 + floor(random() * 5)::int] else 'not_applicable' end::report_status
        from rows, munis
        returning id, call_type)
      insert into contact_categories (contact_id, category_id)
      select ins.id, cats.ids[1 + floor(random() * cardinality(cats.ids))::int] from ins, cats where ins.call_type = 'data'`,
  );
  await exec(
    db,
    sql`insert into follow_ups (case_id, assignee_id, created_by_id, type, due_on, done_at, outcome)
      select ${minCase} + floor(random() * ${nCases})::int, ${op}, ${op}, (array['call','visit','accompaniment'])[1 + floor(random() * 3)::int]::follow_up_type, d,
        case when done then d + (random() * 6 - 2) * interval '1 day' + interval '12 hours' end, case when done then 'Hecho' else '' end
      from (select (${`${year}-01-01`}::date + floor(random() * 365)::int) as d, random() < 0.8 as done from generate_series(1, ${Math.ceil(size / 5)}::int)) x`,
  );
  await exec(
    db,
    sql`insert into referrals (case_id, service_id, referred_by_id, referred_at, outcome, outcome_at)
      select ${minCase} + floor(random() * ${nCases})::int, s.ids[1 + floor(random() * cardinality(s.ids))::int], ${op}, at, oc::referral_outcome,
        case when oc <> 'pending' then at + interval '10 days' end
      from (select array_agg(id) as ids from dir_services) s,
        (select ${start}::timestamptz + random() * interval '365 days' as at, (array['pending','attended','attended','not_attended','declined','unknown'])[1 + floor(random() * 6)::int] as oc
         from generate_series(1, ${Math.ceil(size / 10)}::int)) x`,
  );
  await exec(
    db,
    sql`insert into oficios (case_id, number, status, addressee_name, subject, body, sent_on, sent_method, response_due_on, response_on, created_by_id)
      select ${minCase} + floor(random() * ${nCases})::int, 'BO-' || ${first} || '-' || g, case when answered then 'answered' else 'sent' end::oficio_status,
        'Autoridad', 'Asunto', 'Texto', s, 'oficialia', s + 15, case when answered then s + floor(random() * 30)::int end, ${op}
      from (select g, (${`${year}-01-01`}::date + floor(random() * 365)::int) as s, random() < 0.7 as answered from generate_series(1, ${Math.ceil(size / 33)}::int) g) x`,
  );
  await exec(
    db,
    sql`analyze cases; analyze contacts; analyze contact_categories; analyze follow_ups; analyze referrals; analyze oficios`,
  );
}

/** Events first..last over the year (published, 1 in 10 cancelled), ~80 registrations each. */
export async function insertEvents(db, first, last, year = 2026) {
  await exec(db, sql`select setseed(${(first % 983) / 1000})`);
  const [{ notice }] = await exec(db, sql`select min(id) as notice from privacy_notices`);
  await exec(
    db,
    sql`with ev as (
        insert into events (slug, title, place, municipality_id, starts_at, ends_at, capacity, registration_opens_at, registration_closes_at, status)
        select 'bench-' || g, 'Evento ' || g, 'Auditorio', (array['08019','08037','08017','08021','08032'])[1 + floor(random() * 5)::int], s, s + interval '2 hours',
          50 + floor(random() * 100)::int, s - interval '30 days', s, case when random() < 0.1 then 'cancelled' else 'published' end::event_status
        from (select g, ${`${year}-01-01T06:00:00Z`}::timestamptz + random() * interval '365 days' as s from generate_series(${first}::int, ${last}::int) g) x
        returning id, starts_at)
      insert into event_registrations (event_id, status, name, email, municipality_id, heard_from, group_size, privacy_notice_id, consented_at, waiting_since, attended_at)
      select ev.id, st::event_registration_status, 'Persona', 'p' || ev.id || '-' || r || '@bench.test', '08019', 'redes_sociales', case when random() < 0.1 then 5 else 1 end,
        ${notice}, ev.starts_at - interval '10 days', case when st = 'waiting' then ev.starts_at - interval '5 days' end,
        case when st = 'confirmed' and random() < 0.7 then ev.starts_at end
      from ev, lateral (select r, (array['confirmed','confirmed','confirmed','confirmed','confirmed','confirmed','confirmed','waiting','cancelled'])[1 + floor(random() * 9)::int] as st
        from generate_series(1, 80) r) x`,
  );
  await exec(db, sql`analyze events; analyze event_registrations`);
}

/** Content posts first..last over the year in 24 campaigns (half of the posts belong to one). */
export async function insertContent(db, first, last, year = 2026) {
  await exec(db, sql`select setseed(${(first % 977) / 1000})`);
  await exec(
    db,
    sql`insert into content_campaigns (name, starts_on, ends_on, result_reach, result_calls)
      select 'Campaña ' || g, ${`${year}-01-01`}::date + (g - 1) * 15, ${`${year}-01-01`}::date + (g - 1) * 15 + 30, 1000 * g, 10 * g
      from generate_series(1, 24) g where not exists (select 1 from content_campaigns where name = 'Campaña 1')`,
  );
  await exec(
    db,
    sql`insert into content_posts (campaign_id, title, channels, planned_at, status, published_at, published_where)
      select case when random() < 0.5 then (select id from content_campaigns order by random() limit 1) end, 'Publicación ' || g,
        (case when random() < 0.6 then array[ch1] else array[ch1, ch2] end)::content_channel[],
        p, st::content_status, case when st = 'published' then p + (random() - 0.3) * interval '2 days' end, case when st = 'published' then 'Facebook' end
      from (select g, ${`${year}-01-01T06:00:00Z`}::timestamptz + random() * interval '365 days' as p,
        (array['published','published','published','published','scheduled','approved','draft','idea','cancelled'])[1 + floor(random() * 9)::int] as st,
        (array['facebook','instagram','x'])[1 + floor(random() * 3)::int] as ch1, (array['tiktok','whatsapp'])[1 + floor(random() * 2)::int] as ch2
        from generate_series(${first}::int, ${last}::int) g) x`,
  );
  await exec(db, sql`analyze content_posts; analyze content_campaigns`);
}
