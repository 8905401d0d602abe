import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startFakeResend } from '../helpers/fake-resend';

// The e2e server: the built app on a throwaway embedded database, mail going to a fake Resend
// on E2E_RESEND_PORT whose GET /emails lets tests read what was "sent".
const port = process.env.E2E_PORT ?? '4322';
const resendPort = Number(process.env.E2E_RESEND_PORT ?? 4599);
const fake = await startFakeResend(resendPort);
const dataDir = mkdtempSync(path.join(tmpdir(), 'vinculo-e2e-'));

const child = spawn(process.execPath, ['scripts/start.mjs'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    PORT: port,
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DATABASE_URL: process.env.E2E_DATABASE_URL ?? '',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    RESEND_API_KEY: 're_e2e_key',
    RESEND_BASE_URL: fake.url,
    MAIL_FROM: 'Línea Ciudadana <no-responder@vinculo.test>',
  },
});

const stop = async () => {
  child.kill('SIGTERM');
  await fake.close();
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
child.on('exit', (code) => {
  console.error(`El servidor terminó (código ${code}).`);
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? 1);
});
