// Runs the built server (dist/) and opens the database at once, so migrations, demo data and
// the demo logins happen at start-up rather than on the first visit.
process.env.HOST ??= '127.0.0.1';
process.env.PORT ??= '4321';
await import('../dist/server/entry.mjs');
const base = `http://${process.env.HOST === '0.0.0.0' ? '127.0.0.1' : process.env.HOST}:${process.env.PORT}`;
for (let i = 0; i < 60; i++) {
  try {
    const res = await fetch(`${base}/healthz`);
    if (res.ok) {
      console.log(`\nVínculo está listo en ${base}/  ·  equipo: ${base}/login\n`);
      break;
    }
    const body = await res.text();
    if (i === 59) console.error('La base de datos no respondió:', body);
  } catch {
    // not listening yet
  }
  await new Promise((r) => setTimeout(r, 500));
}
