import { DEMO_PASSWORD, isEmpty, seedDemo, seedReference } from '../db/seed';
import { readConfig } from '../src/lib/server/config';
import { openConfigured } from './db-common';

// Demo accounts go into the embedded database only, or where SEED_DEMO=1 says so explicitly.
const cfg = readConfig();
const database = await openConfigured();
try {
  await seedReference(database.db);
  console.log('Datos de referencia cargados (municipios, ajustes).');
  if (!cfg.seedDemo) {
    console.log(
      'No se cargan datos de demostración en una base con DATABASE_URL (usa SEED_DEMO=1 para pedirlo).',
    );
  } else if (!(await isEmpty(database.db))) {
    console.log('La base ya tiene cuentas: no se cargan datos de demostración.');
  } else {
    const users = await seedDemo(database.db);
    console.log(`Datos de demostración cargados. Contraseña para todas las cuentas: ${DEMO_PASSWORD}`);
    for (const u of users) console.log(`  ${u.role.padEnd(10)} ${u.email}`);
  }
} finally {
  await database.close();
}
