import { isEmpty, seedReference } from '~db/seed';
import { readConfig } from '~/lib/server/config';
import { DEMO_PASSWORD, seedDemo } from '~/demo';
import { openConfigured } from './db-common';

// Reference data always; demo data only into an empty embedded database, or where SEED_DEMO=1
// asks for it explicitly. `npm start` runs this before the server (`--quiet-if-seeded`).
const quiet = process.argv.includes('--quiet-if-seeded');
const cfg = readConfig();
const database = await openConfigured({ quiet });
try {
  await seedReference(database.db);
  if (!quiet) console.log('Datos de referencia cargados (municipios, ajustes, avisos, catálogo de delitos).');
  if (!cfg.seedDemo) {
    if (!quiet)
      console.log(
        'No se cargan datos de demostración en una base con DATABASE_URL (usa SEED_DEMO=1 para pedirlo).',
      );
  } else if (!(await isEmpty(database.db))) {
    if (!quiet) console.log('La base ya tiene cuentas: no se cargan datos de demostración.');
  } else {
    const users = await seedDemo(database.db);
    console.log(`\nDatos de demostración cargados. Contraseña para todas las cuentas: ${DEMO_PASSWORD}`);
    for (const u of users) console.log(`  ${u.role.padEnd(10)} ${u.email}`);
    console.log('');
  }
} finally {
  await database.close();
}
