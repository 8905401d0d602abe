// Benchmark for the content calendar, in process on an in-memory PGlite (or BENCH_DATABASE_URL):
// - the calendar/board query for one month with 5,000 posts in the year, against a bare
//   `select 1` round-trip on the same database (the floor for any query);
// - counting characters as X does, against a plain code-point count of the same text;
// - generating and moving an event's series, per event.
// Run: npx tsx bench/content.mjs   (a few seconds; BENCH_SECONDS per measurement, default 2)
import { sql } from 'drizzle-orm';
import { migrateDatabase, openDatabase } from '../db/client.ts';
import { seedReference } from '../db/seed.ts';
import { contentCampaigns, contentPosts } from '../db/schema/index.ts';
import { countForX } from '../src/features/content/limits.ts';
import { listPosts } from '../src/features/content/posts.server.ts';
import { generateSeriesForTarget, moveSeriesForTarget } from '../src/features/content/series.server.ts';

const seconds = Number(process.env.BENCH_SECONDS ?? 2);
const DAY = 86_400_000;

async function measure(fn) {
  for (let i = 0; i < 20; i++) await fn(); // warm-up
  let n = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  while (performance.now() < deadline) {
    await fn();
    n++;
  }
  const ms = (performance.now() - started) / n;
  return { perOp: ms, opsPerSec: 1000 / ms };
}
const fmt = (r) =>
  `${r.opsPerSec.toFixed(0).padStart(9)} ops/s  ${(r.perOp * 1000).toFixed(1).padStart(9)} µs/op`;

const database = await openDatabase({
  url: process.env.BENCH_DATABASE_URL || undefined,
  dataDir: 'memory://',
});
await migrateDatabase(database);
await seedReference(database.db);
const db = database.db;

const [campaign] = await db
  .insert(contentCampaigns)
  .values({ name: 'Bench', startsOn: '2027-01-01', endsOn: '2027-12-31', color: '#1d4ed8' })
  .returning();
const channels = ['facebook', 'instagram', 'x', 'tiktok', 'whatsapp'];
const statuses = ['idea', 'draft', 'in_review', 'approved', 'scheduled', 'published'];
const start = Date.UTC(2027, 0, 1, 16);
const rows = Array.from({ length: 5000 }, (_, i) => ({
  title: `Publicación ${i}`,
  campaignId: i % 3 === 0 ? campaign.id : null,
  channels: [channels[i % 5], channels[(i + 2) % 5]],
  plannedAt: new Date(start + (i % 365) * DAY + (i % 8) * 3_600_000),
  copy: 'Si vives violencia, llámanos: asesoría legal y psicológica gratuita y confidencial.',
  status: statuses[i % 6],
  ...(statuses[i % 6] === 'published' ? { publishedAt: new Date(start), publishedWhere: 'Facebook' } : {}),
}));
for (let i = 0; i < rows.length; i += 500) await db.insert(contentPosts).values(rows.slice(i, i + 500));

console.log(`content bench on ${database.kind}, ${seconds} s per measurement, node ${process.version}`);
const floor = await measure(() => db.execute(sql`select 1`));
const month = await measure(() =>
  listPosts(db, { from: new Date(Date.UTC(2027, 5, 1)), to: new Date(Date.UTC(2027, 6, 1)) }),
);
const filtered = await measure(() =>
  listPosts(db, {
    from: new Date(Date.UTC(2027, 5, 1)),
    to: new Date(Date.UTC(2027, 6, 1)),
    canal: 'tiktok',
    estado: 'draft',
  }),
);
const monthRows = (
  await listPosts(db, { from: new Date(Date.UTC(2027, 5, 1)), to: new Date(Date.UTC(2027, 6, 1)) })
).length;
console.log(`\nCalendar query (${monthRows} posts of 5,000 in one month)`);
console.log(`  select 1 (floor)             ${fmt(floor)}`);
console.log(
  `  one month                    ${fmt(month)}  ×${(month.perOp / floor.perOp).toFixed(1)} the floor`,
);
console.log(
  `  one month, channel+status    ${fmt(filtered)}  ×${(filtered.perOp / floor.perOp).toFixed(1)} the floor`,
);

const text = `¿Te llaman para extorsionarte? Cuelga y no des datos 💜 Llámanos: https://lineaciudadana.org.mx/extorsion ${'Asesoría gratuita y confidencial. '.repeat(5)}`;
const plain = await measure(() => [...text.normalize('NFC')].length);
const weighted = await measure(() => countForX(text));
console.log(`\nCounting a ${[...text].length}-character copy`);
console.log(`  code points (baseline)       ${fmt(plain)}`);
console.log(
  `  as X counts (URLs, emoji)    ${fmt(weighted)}  ×${(weighted.perOp / plain.perOp).toFixed(1)} the baseline`,
);

let target = 10_000;
const series = await measure(async () => {
  const id = target++;
  const s = new Date(Date.UTC(2027, 8, 1, 17) + (id % 60) * DAY);
  await db.transaction(async (tx) => {
    await generateSeriesForTarget(
      tx,
      { kind: 'event', id, title: `Evento ${id}`, start: s },
      { now: new Date(Date.UTC(2027, 0, 1)) },
    );
    await moveSeriesForTarget(tx, { kind: 'event', id, newStart: new Date(s.getTime() + 7 * DAY) });
  });
});
console.log(`\nEvent series (generate 3 posts, then move them), one transaction per event`);
console.log(`  select 1 (floor)             ${fmt(floor)}`);
console.log(
  `  generate + move              ${fmt(series)}  ×${(series.perOp / floor.perOp).toFixed(1)} the floor`,
);
await database.close();
