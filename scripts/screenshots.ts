/**
 * Regenerates docs/screenshots/: the today page (/app) for each role at a desk (1366×800) and on
 * a phone (390×844), as PNG. Needs a running server with the demo data:
 *   npm run build && SEED_DEMO=1 node dist/server/entry.mjs   (or npm start)
 *   BASE_URL=http://127.0.0.1:4321 npx tsx scripts/screenshots.ts
 */
import { mkdirSync } from 'node:fs';
import { chromium } from '@playwright/test';

const BASE = process.env.BASE_URL ?? 'http://127.0.0.1:4321';
const PASSWORD = process.env.DEMO_PASSWORD ?? 'linea-ciudadana-demo';
const ROLES = [
  ['operador', 'operadora@vinculo.test'],
  ['supervision', 'supervision@vinculo.test'],
  ['comunicacion', 'comunicacion@vinculo.test'],
  ['coordinacion', 'coordinacion@vinculo.test'],
] as const;
const SIZES = [
  ['escritorio', { width: 1366, height: 800 }],
  ['telefono', { width: 390, height: 844 }],
] as const;

mkdirSync('docs/screenshots', { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
});
try {
  for (const [role, email] of ROLES)
    for (const [size, viewport] of SIZES) {
      const page = await browser.newPage({ viewport, locale: 'es-MX' });
      await page.goto(`${BASE}/login`);
      await page.getByLabel('Correo electrónico').fill(email);
      await page.getByLabel('Contraseña', { exact: true }).fill(PASSWORD);
      await page.getByRole('button', { name: 'Entrar' }).click();
      await page.waitForURL(/\/app$/);
      const file = `docs/screenshots/hoy-${role}-${size}.png`;
      // The first screenful, as a person sees it on arrival: small files, the panels that matter.
      await page.screenshot({ path: file, fullPage: false });
      console.log(file);
      await page.close();
    }
} finally {
  await browser.close();
}
