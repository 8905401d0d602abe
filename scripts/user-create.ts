import { parseArgs } from 'node:util';
import { createUserWithLink } from '../src/features/accounts/users.server';
import { CreateUserSchema } from '../src/features/accounts/schemas';
import { readConfig } from '../src/lib/server/config';
import { errorFields } from '../src/lib/server/log';
import { seedReference } from '../db/seed';
import { openConfigured } from './db-common';

const { values } = parseArgs({
  options: {
    email: { type: 'string' },
    role: { type: 'string', default: 'admin' },
    name: { type: 'string' },
  },
});
const parsed = CreateUserSchema.safeParse({
  email: values.email,
  role: values.role,
  name: values.name ?? values.email?.split('@')[0] ?? '',
});
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(`${issue.path.join('.')}: ${issue.message}`);
  console.error(
    'Uso: npm run user:create -- --email persona@organizacion.mx --role admin --name "Nombre Apellido"',
  );
  process.exit(1);
}
const database = await openConfigured();
try {
  await seedReference(database.db);
  const { token } = await createUserWithLink(database.db, parsed.data);
  console.log(`Cuenta creada (${parsed.data.role}) para ${parsed.data.email}.`);
  console.log(
    `Enlace de un solo uso para elegir la contraseña (vence en 72 h):\n  ${readConfig().publicUrl}/contrasena/${token}`,
  );
} catch (error) {
  // Never the message: a failed query's message carries its parameters (the new person's e-mail).
  console.error('No se pudo crear la cuenta:', JSON.stringify(errorFields(error)));
  process.exitCode = 1;
} finally {
  await database.close();
}
