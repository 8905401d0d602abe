import { expect, test } from '@playwright/test';

// Runs against the second e2e server, whose DATABASE_URL points at nothing.
const DOWN = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 4322) + 1}`;

test.describe('when the database is down', () => {
  test.use({ baseURL: DOWN });

  test('the health check says so with a 503', async ({ request }) => {
    const res = await request.get('/healthz');
    expect(res.status()).toBe(503);
    expect(await res.json()).toMatchObject({ database: 'unreachable' });
  });

  test('the public home page still shows how to call the line', async ({ page }) => {
    const res = await page.goto('/');
    expect(res?.status()).toBe(200);
    await expect(page.getByRole('link', { name: /Llamar al/ })).toHaveAttribute('href', /^tel:\+52/);
  });

  test('logging in explains the failure and keeps the e-mail typed', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Correo electrónico').fill('coordinacion@vinculo.test');
    await page.getByLabel('Contraseña', { exact: true }).fill('linea-ciudadana-demo');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await expect(page.getByRole('alert')).toContainText('No pudimos conectar con la base de datos');
    await expect(page.getByLabel('Correo electrónico')).toHaveValue('coordinacion@vinculo.test');
    await expect(page.getByLabel('Contraseña', { exact: true })).toHaveValue('');
  });
});
