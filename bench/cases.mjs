import { makeStaffContext } from '../src/lib/server/context.ts';
// Benchmark: case search over 100,000 seeded cases on PostgreSQL (goal p95 < 50 ms) and the
// cost of saving a contact. Baselines measured in the same run: a primary-key lookup (the
// round-trip floor) for search, and a one-row audit insert in its own transaction for saves.
// Run: `npx tsx bench/cases.mjs` (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres;
// BENCH_CASES, default 100000). It creates and drops its own database.
import postgres from 'postgres';
import { eq, sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase } from '../db/client.ts';
import { seedReference } from '../db/seed.ts';
import { caseCategories, users } from '../db/schema/index.ts';
import { createContact, searchCases } from '../src/features/cases/cases.server.ts';
import { CaseSearchSchema, ContactSchema } from '../src/features/cases/schemas.ts';
import { writeAudit } from '../src/lib/server/audit.ts';

const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const CASES = Number(process.env.BENCH_CASES ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const TZ = 'America/Chihuahua';
const name = `vinculo_bench_${Date.now().toString(36)}`;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`CREATE DATABASE ${name}`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
const database = await openDatabase({ url: url.toString(), max: 4 });
const { db } = database;

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
async function time(fn, runs = RUNS) {
  for (let i = 0; i < 3; i++) await fn(i); // warm-up
  const xs = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i);
    xs.push(performance.now() - t);
  }
  return { p50: pct(xs, 50), p95: pct(xs, 95) };
}
const fmt = (label, r, base) =>
  `${label.padEnd(44)} p50 ${r.p50.toFixed(2).padStart(7)} ms   p95 ${r.p95.toFixed(2).padStart(7)} ms${base ? `   ×${(r.p95 / base.p95).toFixed(1)} of baseline p95` : ''}`;

try {
  await migrateDatabase(database);
  await seedReference(db);
  const t0 = performance.now();
  // 30 operators and one supervisor; cases spread over three years with Mexican names.
  await db.execute(
    sql`insert into users (name, email, role) select 'Operador ' || g, 'op' || g || '@bench.test', 'operator' from generate_series(1, 30) g`,
  );
  await db.execute(
    sql`insert into users (name, email, role) values ('Supervisión', 'sup@bench.test', 'supervisor')`,
  );
  await db.execute(sql`
    insert into cases (folio, owner_id, status, person_name, person_phone, opened_at)
    select 'LC-' || (2024 + g % 3) || '-' || lpad((g / 3 + 1)::text, 5, '0'),
           (select min(id) from users) + (g % 30),
           (array['open','follow_up','closed'])[1 + g % 3]::case_status,
           case when g % 4 = 0 then '' else
             (array['María','José','Guadalupe','Juan','Rosa','Luis','Ana','Carlos','Lucía','Jesús','Elena','Francisco','Patricia','Miguel','Sofía','Ricardo'])[1 + (g * 7) % 16] || ' ' ||
             (array['Hernández','García','Martínez','López','Ontiveros','Chávez','Domínguez','Holguín','Armendáriz','Terrazas','Loya','Prieto','Baca','Quintana','Villalobos','Ochoa','Delgado','Maynez','Acosta','Rascón'])[1 + (g * 13) % 20] || ' ' ||
             (array['Hernández','García','Martínez','López','Ontiveros','Chávez','Domínguez','Holguín','Armendáriz','Terrazas','Loya','Prieto','Baca','Quintana','Villalobos','Ochoa','Delgado','Maynez','Acosta','Rascón'])[1 + (g * 17 / 3) % 20] end,
           case when g % 5 < 3 then (array['614','656','625','639'])[1 + g % 4] || lpad(((g * 7919) % 10000000)::text, 7, '0') else '' end,
           timestamp with time zone '2024-01-01 12:00Z' + ((g % 3) * interval '1 year') + (((g * 37) % 360) * interval '1 day') + ((g % 600) * interval '1 minute')
    from generate_series(1, ${CASES}) g`);
  await db.execute(sql`
    insert into contacts (case_id, operator_id, started_at, channel, call_type, caller_role, summary)
    select id, owner_id, opened_at, 'phone', 'data', 'victim', 'Atención de prueba' from cases`);
  await db.execute(sql`
    insert into contact_categories (contact_id, category_id)
    select c.id, k.ids[1 + c.id % array_length(k.ids, 1)]
    from contacts c, (select array_agg(id order by id) ids from case_categories where parent_id is not null) k`);
  await db.execute(
    sql`insert into case_assignees (case_id, user_id) select id, (select min(id) from users) + ((id + 7) % 30) from cases where id % 10 = 0 on conflict do nothing`,
  );
  await db.execute(
    sql`insert into folio_counters (prefix, year, last) select 'LC', split_part(folio, '-', 2)::int, max(split_part(folio, '-', 3)::int) from cases group by 2`,
  );
  await db.execute(sql`analyze`);
  console.log(
    `seeded ${CASES} cases with contacts and categories in ${((performance.now() - t0) / 1000).toFixed(1)} s (PostgreSQL)`,
  );

  const [sup] = await db.select().from(users).where(eq(users.email, 'sup@bench.test'));
  const [op] = await db.select().from(users).where(eq(users.email, 'op5@bench.test'));
  const [robo] = await db.select().from(caseCategories).where(eq(caseCategories.name, 'Robo'));
  const [sample] = await db.execute(
    sql`select folio, person_phone from cases where person_phone <> '' order by id offset 5000 limit 1`,
  );
  const supervisor = { id: sup.id, role: 'supervisor' };
  const operator = { id: op.id, role: 'operator' };
  const meta = { ip: null };
  const s = (actor, f) => () =>
    searchCases(makeStaffContext({ db: db, user: actor, ip: meta.ip, zone: TZ }), CaseSearchSchema.parse(f));

  const baseline = await time((i) =>
    db.execute(sql`select id, folio from cases where id = ${1 + ((i * 997) % CASES)}`),
  );
  console.log(`\nsearch (${RUNS} runs each, after 3 warm-up; each search also writes its audit row)`);
  console.log(fmt('baseline: primary-key lookup', baseline));
  const cases = [
    ['supervisor, name contains "ontiveros"', s(supervisor, { name: 'ontiveros' })],
    ['supervisor, name "rosa holguín"', s(supervisor, { name: 'rosa holguín' })],
    ['supervisor, phone contains 4 digits', s(supervisor, { phone: String(sample.person_phone).slice(-4) })],
    ['supervisor, exact folio', s(supervisor, { folio: sample.folio })],
    [
      'supervisor, category Robo + status open',
      s(supervisor, { categoryId: String(robo.id), status: 'open' }),
    ],
    [
      'supervisor, date range + closed',
      s(supervisor, { from: '2025-03-01', to: '2025-03-31', status: 'closed' }),
    ],
    ['operator, recent cases in scope', s(operator, {})],
    ['operator, name contains "garcía"', s(operator, { name: 'garcía' })],
    ['operator, category Robo', s(operator, { categoryId: String(robo.id) })],
  ];
  const all = [];
  for (const [label, fn] of cases) {
    const r = await time(fn);
    all.push(r.p95);
    console.log(fmt(label, r, baseline));
  }
  if (process.env.BENCH_EXPLAIN) {
    // Plans of the scoped queries, to see where time goes (BENCH_EXPLAIN=1).
    const plan =
      await db.execute(sql`explain analyze select c.id from cases c where c.id = any(array(select c2.id from cases c2 where c2.owner_id = ${op.id} union all select ca.case_id from case_assignees ca where ca.user_id = ${op.id}))
      and exists (select 1 from contacts x join contact_categories cc on cc.contact_id = x.id join case_categories k on k.id = cc.category_id where x.case_id = c.id and (k.id = ${robo.id} or k.parent_id = ${robo.id}))
      order by c.opened_at desc, c.id desc limit 51`);
    for (const r of plan) console.log(r['QUERY PLAN']);
  }
  const worst = Math.max(...all);
  console.log(`worst p95 ${worst.toFixed(2)} ms — goal < 50 ms: ${worst < 50 ? 'met' : 'NOT met'}`);

  const cats = await db.select({ id: caseCategories.id }).from(caseCategories).limit(3);
  const saveInput = ContactSchema.parse({
    channel: 'phone',
    durationMinutes: '12',
    callType: 'data',
    callerRole: 'victim',
    personName: 'Persona de prueba',
    followUpConsent: 'on',
    followUpPhone: '614 555 0101',
    categories: cats.map((c) => String(c.id)),
    services: ['legal', 'psychological'],
    summary: 'Atención de prueba para medir el costo de guardar.',
    privacyNoticeGiven: 'on',
  });
  const hangUp = ContactSchema.parse({ channel: 'phone', durationMinutes: '0', callType: 'hang_up' });
  console.log(`\ncontact save (${RUNS} runs each)`);
  const saveBase = await time(() =>
    db.transaction((tx) => writeAudit(tx, { actorUserId: op.id, action: 'bench.noop' })),
  );
  console.log(fmt('baseline: one audit insert in a transaction', saveBase));
  console.log(
    fmt(
      'data call: new case + folio + audit',
      await time(() =>
        createContact(makeStaffContext({ db: db, user: operator, ip: meta.ip, zone: TZ }), saveInput),
      ),
      saveBase,
    ),
  );
  console.log(
    fmt(
      'non-data call (hang-up)',
      await time(() =>
        createContact(makeStaffContext({ db: db, user: operator, ip: meta.ip, zone: TZ }), hangUp),
      ),
      saveBase,
    ),
  );
} finally {
  await database.close();
  await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
