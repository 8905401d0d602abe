// Benchmark: server time of the today page's loader (src/features/today) for each demo role,
// over the demo data plus a year of demo-scale volume: 20,000 cases, 40,000 follow-ups (a few
// hundred still pending), 25,000 activities, 3,000 posts and 30,000 outbox messages.
// Run: `npx tsx bench/today.ts` (BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres).
// It creates and drops its own database.
import postgres from 'postgres';
import { eq, sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase } from '../db/client';
import { seedReference } from '../db/seed';
import { users } from '../db/schema';
import { seedDemo } from '../src/demo';
import { loadToday } from '../src/features/today';
import { myDraftSavedAt, myDueFollowUps, oficiosNearDeadline } from '../src/features/cases';
import { DEFAULT_SETTINGS } from '../src/lib/server/settings';
import { loadActivities } from './scheduling-data';

const adminUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const name = `vinculo_bench_${Date.now().toString(36)}`;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`CREATE DATABASE ${name}`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
const database = await openDatabase({ url: url.toString(), max: 4 });
const { db } = database;
try {
  await migrateDatabase(database);
  await seedReference(db);
  await seedDemo(db);
  const staff = await db.select({ id: users.id, email: users.email, role: users.role }).from(users);
  const ops = staff.filter((u) => u.role === 'operator').map((u) => u.id);
  const opArray = sql.raw(`array[${ops.join(',')}]`);
  await db.execute(sql`
    insert into cases (folio, owner_id, person_name, person_phone, opened_at)
    select 'LC-2025-' || lpad(g::text, 6, '0'), (${opArray})[1 + g % ${sql.raw(String(ops.length))}],
           'Persona ' || g, '614' || lpad(g::text, 7, '0'), now() - make_interval(days => g % 365)
    from generate_series(1, 20000) g`);
  await db.execute(sql`
    insert into follow_ups (case_id, assignee_id, type, due_on, done_at, outcome, created_by_id)
    select c.id, c.owner_id, 'call', (now() - make_interval(days => (g % 365)))::date,
           case when g % 100 = 0 then null else now() end,
           case when g % 100 = 0 then '' else 'Hecho' end, c.owner_id
    from generate_series(1, 40000) g join cases c on c.folio = 'LC-2025-' || lpad((1 + g % 20000)::text, 6, '0')`);
  await loadActivities(db, 25_000);
  await db.execute(sql`
    insert into content_posts (title, channels, planned_at, status)
    select 'Publicación ' || g, array['facebook']::content_channel[], now() - make_interval(hours => (g % 8760) - 24),
           (array['idea','draft','in_review','approved','scheduled'])[1 + g % 5]::content_status
    from generate_series(1, 3000) g`);
  await db.execute(sql`
    insert into mail_outbox (to_address, subject, html, text, template, idempotency_key, status)
    select 'x' || g || '@example.test', 'Asunto ' || g, '', '', 'bench', 'bench-' || g,
           (case when g % 500 = 0 then 'failed' else 'sent' end)::mail_status
    from generate_series(1, 30000) g`);
  await db.execute(sql`analyze`);

  const pct = (xs: number[], p: number) =>
    [...xs].sort((a, b) => a - b)[Math.floor((p / 100) * (xs.length - 1))]!;
  const opts = { now: new Date(), timeZone: 'America/Chihuahua', settings: DEFAULT_SETTINGS, ip: null };
  for (const email of [
    'operadora@vinculo.test',
    'supervision@vinculo.test',
    'comunicacion@vinculo.test',
    'coordinacion@vinculo.test',
  ]) {
    const [u] = await db.select({ id: users.id, role: users.role }).from(users).where(eq(users.email, email));
    for (let i = 0; i < 3; i++) await loadToday(db, u!, opts);
    const xs: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      await loadToday(db, u!, opts);
      xs.push(performance.now() - t);
    }
    if (process.env.BENCH_PARTS && u!.role === 'operator') {
      const today = new Date().toISOString().slice(0, 10);
      const parts: Record<string, () => Promise<unknown>> = {
        followUps: () => myDueFollowUps(db, u!, today, { ip: null }),
        oficios: () => oficiosNearDeadline(db, u!, today),
        draft: () => myDraftSavedAt(db, u!),
      };
      for (const [k, fn] of Object.entries(parts)) {
        const t = performance.now();
        for (let i = 0; i < 10; i++) await fn();
        console.log(`  ${k} ${((performance.now() - t) / 10).toFixed(1)} ms`);
      }
    }
    console.log(`${u!.role.padEnd(10)} p50 ${pct(xs, 50).toFixed(1)} ms  p95 ${pct(xs, 95).toFixed(1)} ms`);
  }
} finally {
  await database.close();
  await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
}
