// Benchmark: 1,000 simultaneous sign-ups for 100 seats, through the real registration code, on
// PGlite and (when BENCH_DATABASE_URL or TEST_DATABASE_URL is set) PostgreSQL with a 20-connection
// pool. Prints the racer run's time (goal < 3 s) and sign-ups per second, against a baseline
// measured in the same run: the same sign-ups one after another (no contention for the lock).
// Run: npx tsx bench/events-signup.mjs
import os from 'node:os';
import postgres from 'postgres';
import { migrateDatabase, openDatabase } from '../db/client.ts';
import { seedReference } from '../db/seed.ts';
import { events } from '../db/schema/index.ts';
import { getCurrentPrivacyNotice } from '../src/lib/server/privacy.ts';
import { registerForEvent } from '../src/features/events/registration.server.ts';
import { result } from './common.mjs';

const RACERS = Number(process.env.BENCH_RACERS ?? 1000);
const SEATS = 100;
const ctx = {
  publicUrl: 'https://vinculo.example',
  orgName: 'Línea Ciudadana',
  timeZone: 'America/Chihuahua',
};

async function open(kind) {
  if (kind === 'pglite') {
    const database = await openDatabase({ dataDir: 'memory://' });
    await migrateDatabase(database);
    await seedReference(database.db);
    return { database, destroy: () => database.close() };
  }
  const adminUrl = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  const name = `vinculo_bench_${Date.now().toString(36)}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`CREATE DATABASE ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString(), max: 20 });
  await migrateDatabase(database);
  await seedReference(database.db);
  return {
    database,
    /** Diagnostic only: the same database with WAL flushes off, to show what the commits cost. */
    reopenWithoutSyncCommit: async () => {
      await database.close();
      await admin.unsafe(`ALTER DATABASE ${name} SET synchronous_commit = off`);
      const again = await openDatabase({ url: url.toString(), max: 20 });
      database.close = again.close;
      return again;
    },
    destroy: async () => {
      await database.close();
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

/** This process's CPU (ms) since `from`: on PGlite that is the database too, so it barely moves with other load. */
const cpuMs = (from) => {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
};
const perSignup = (ms) => `node CPU ${(ms / RACERS).toFixed(2)} ms/sign-up`;

let n = 0;
async function makeEvent(db) {
  const now = Date.now();
  const [row] = await db
    .insert(events)
    .values({
      slug: `bench-${++n}-${now.toString(36)}`,
      title: 'Feria de prevención',
      place: 'Plaza Mayor',
      municipalityId: '08019',
      startsAt: new Date(now + 7 * 86_400_000),
      endsAt: new Date(now + 7 * 86_400_000 + 7_200_000),
      capacity: SEATS,
      registrationOpensAt: new Date(now - 86_400_000),
      registrationClosesAt: new Date(now + 6 * 86_400_000),
      status: 'published',
    })
    .returning();
  return row;
}

function inputs(slug, noticeId, prefix) {
  return Array.from({ length: RACERS }, (_, i) => ({
    slug,
    name: 'Ana Lucía Portillo',
    email: `${prefix}${i}@correo.test`,
    phone: '',
    municipalityId: '08019',
    heardFrom: 'redes_sociales',
    registrationType: 'individual',
    isGroup: false,
    institutionName: '',
    groupSize: 1,
    accessibilityNeeds: '',
    privacyNoticeId: noticeId,
    locale: 'es',
  }));
}

const kinds = (
  process.env.BENCH_KINDS ??
  ['pglite', ...(process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL ? ['postgres'] : [])].join(
    ',',
  )
).split(',');
// Other work on the machine skews every figure: the load average is printed with them.
console.log(
  `${RACERS} sign-ups for ${SEATS} seats, node ${process.version}, ${os.cpus().length} cores, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
for (const kind of kinds) {
  const { database, destroy, reopenWithoutSyncCommit } = await open(kind);
  try {
    const db = database.db;
    const notice = await getCurrentPrivacyNotice(db);
    // Warm-up: plans cached, pool connections opened.
    const warm = await makeEvent(db);
    await Promise.all(
      inputs(warm.slug, notice.id, 'warm')
        .slice(0, 50)
        .map((i) => registerForEvent(db, i, ctx)),
    );

    const seq = await makeEvent(db);
    let started = performance.now();
    let cpu = process.cpuUsage();
    for (const input of inputs(seq.slug, notice.id, 'seq')) await registerForEvent(db, input, ctx);
    const seqMs = performance.now() - started;
    const seqCpu = cpuMs(cpu);

    const race = await makeEvent(db);
    const racers = inputs(race.slug, notice.id, 'race');
    started = performance.now();
    cpu = process.cpuUsage();
    const results = await Promise.allSettled(racers.map((i) => registerForEvent(db, i, ctx)));
    const raceMs = performance.now() - started;
    const raceCpu = cpuMs(cpu);
    const confirmed = results.filter(
      (r) => r.status === 'fulfilled' && r.value.ok && r.value.status === 'confirmed',
    ).length;
    const errors = results.filter((r) => r.status === 'rejected').length;

    const rate = (ms) => ((RACERS / ms) * 1000).toFixed(0).padStart(6);
    console.log(`\n[${kind}]`);
    console.log(
      `  one after another (baseline)  ${(seqMs / 1000).toFixed(2).padStart(6)} s  ${rate(seqMs)} sign-ups/s  ${perSignup(seqCpu)}`,
    );
    console.log(
      `  ${RACERS} at once (racers)        ${(raceMs / 1000).toFixed(2).padStart(6)} s  ${rate(raceMs)} sign-ups/s  ${perSignup(raceCpu)}  ${(seqMs / raceMs).toFixed(2)}× baseline  confirmed ${confirmed}/${SEATS}  errors ${errors}  goal < ${kind === 'postgres' ? 1.5 : 3} s: ${raceMs < (kind === 'postgres' ? 1500 : 3000) ? 'met' : 'NOT met'}`,
    );
    const goalMs = kind === 'postgres' ? 1500 : 3000;
    result({
      figure: `${RACERS} sign-ups for ${SEATS} seats at once (s), ${confirmed} confirmed`,
      db: kind,
      value: Number((raceMs / 1000).toFixed(2)),
      baseline: `one by one ${(seqMs / 1000).toFixed(2)} s`,
      ratio: `${(seqMs / raceMs).toFixed(2)}×`,
      goal: `< ${goalMs / 1000} s, exactly ${SEATS}`,
      met: raceMs < goalMs && confirmed === SEATS && errors === 0,
    });
    if (reopenWithoutSyncCommit && !process.env.BENCH_JSON) {
      // Each sign-up holds the event lock until its COMMIT has been flushed to disk, so the race
      // is bounded by fsync latency. This row shows that share; the app keeps durable commits.
      const fast = await reopenWithoutSyncCommit();
      const diag = await makeEvent(fast.db);
      const diagInputs = inputs(diag.slug, notice.id, 'nosync');
      const t0 = performance.now();
      const r = await Promise.allSettled(diagInputs.map((i) => registerForEvent(fast.db, i, ctx)));
      const ms = performance.now() - t0;
      const ok = r.filter(
        (x) => x.status === 'fulfilled' && x.value.ok && x.value.status === 'confirmed',
      ).length;
      console.log(
        `  diagnostic: racers, synchronous_commit=off ${(ms / 1000).toFixed(2).padStart(6)} s  ${rate(ms)} sign-ups/s  confirmed ${ok}/${SEATS} (not how the app runs)`,
      );
    }
  } finally {
    await destroy();
  }
}
