import { createResendTransport, startOutboxWorker } from '../src/lib/server/mail/worker';
import { readConfig } from '../src/lib/server/config';
import { openConfigured } from './db-common';

// A stand-alone outbox worker, for deployments that run it apart from the web instances.
const cfg = readConfig();
if (!cfg.resendApiKey) {
  console.error('Falta RESEND_API_KEY: sin proveedor no hay nada que enviar.');
  process.exit(1);
}
if (!cfg.databaseUrl) {
  console.error('El worker aparte necesita DATABASE_URL: una base embebida solo la abre el servidor.');
  process.exit(1);
}
const database = await openConfigured();
const stop = startOutboxWorker(
  database.db,
  await createResendTransport(cfg.resendApiKey, cfg.mailFrom, cfg.resendBaseUrl),
);
console.log('Worker de correo en marcha. Ctrl+C para detenerlo.');
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    stop();
    await database.close();
    process.exit(0);
  });
}
