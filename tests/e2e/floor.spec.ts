import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, loginAs } from './helpers';

// operadora@, not operador@: auth.spec.ts locks operador@ for 15 minutes on purpose (the lockout test).
test('an operator asks for help, the supervisor sees it live and answers "Voy", and the operator sees who is coming', async ({
  browser,
}) => {
  const supCtx = await browser.newContext();
  const opCtx = await browser.newContext();
  const sup = await supCtx.newPage();
  const op = await opCtx.newPage();
  try {
    await loginAs(sup, 'supervision@vinculo.test');
    await sup.goto('/app/linea');
    await expect(sup.getByRole('heading', { name: 'La línea ahora' })).toBeVisible();
    await expect(sup.getByText('Se actualiza en vivo.')).toBeVisible();
    await expectNoAxeViolations(sup);

    await loginAs(op, 'operadora@vinculo.test');
    await op.goto('/app/linea');
    await expect(op.getByText('Se actualiza en vivo.')).toBeVisible();
    // One click in the header: the state changes and the person stays on the page.
    await op.getByText('Mi estado:').click();
    await op.getByRole('button', { name: 'En línea' }).click();
    await expect(op).toHaveURL(/\/app\/linea$/);
    await expect(op.getByText('Mi estado:')).toContainText('En línea');

    await op.getByText('Pedir apoyo', { exact: true }).click();
    await op.getByLabel('Motivo').selectOption({ label: 'Crisis' });
    await op.getByLabel('Nota breve (opcional, sin datos del caso)').fill('Llamada muy difícil');
    await op.getByRole('button', { name: 'Pedir apoyo ahora' }).click();
    await expect(op.getByRole('heading', { name: 'Tu solicitud de apoyo' })).toBeVisible();
    await expect(op.getByText('Se actualiza en vivo.')).toBeVisible();

    // The supervisor's board shows it without a reload, in the live region, within 2 s.
    await expect(sup.getByRole('status')).toContainText('Lucía Chávez Terrazas pide apoyo (Crisis).', {
      timeout: 2000,
    });
    await expect(sup.getByText('«Llamada muy difícil»')).toBeVisible();
    await expectNoAxeViolations(sup);
    await sup.getByRole('button', { name: 'Voy' }).click();
    await expect(sup.getByText('Avisamos que vas en camino. Gracias.')).toBeVisible();
    await expect(sup.getByText('Ya va Jorge Armendáriz Loya.')).toBeVisible();

    // The operator sees the name, live.
    await expect(op.getByText('Jorge Armendáriz Loya va en camino.')).toBeVisible({ timeout: 2000 });
    await op.getByRole('button', { name: 'Ya no es necesario' }).click();
    await expect(op.getByRole('heading', { name: 'Tu solicitud de apoyo' })).toHaveCount(0);
    await expect(sup.getByRole('status')).toBeEmpty({ timeout: 2000 });
  } finally {
    await supCtx.close();
    await opCtx.close();
  }
});

test('comms never sees the board or any state', async ({ page }) => {
  await loginAs(page, 'comunicacion@vinculo.test');
  await expect(page.getByText('Mi estado:')).toHaveCount(0);
  const res = await page.goto('/app/linea');
  expect(res?.status()).toBe(403);
  const stream = await page.request.get('/app/linea/stream');
  expect(stream.status()).toBe(403);
});

test('the board works without JavaScript', async ({ browser }) => {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  try {
    await loginAs(page, 'supervision@vinculo.test');
    await page.goto('/app/linea');
    await expect(page.getByRole('link', { name: 'Actualizar' })).toBeVisible();
    await page.locator('summary', { hasText: 'Mi estado:' }).click();
    await page.getByRole('button', { name: 'Descanso: comida' }).click();
    await expect(page.getByText('Mi estado:')).toContainText('En descanso (comida)');
    await expect(page.getByRole('row', { name: /Jorge Armendáriz Loya/ })).toContainText(
      'En descanso (comida)',
    );
  } finally {
    await ctx.close();
  }
});
