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

test('the alert banner reaches a supervisor on another screen, and case entry suggests states and asks for help', async ({
  browser,
}) => {
  const supCtx = await browser.newContext();
  const opCtx = await browser.newContext();
  const sup = await supCtx.newPage();
  const op = await opCtx.newPage();
  try {
    await loginAs(sup, 'supervision@vinculo.test');
    await sup.goto('/app');
    const supBanner = sup.getByRole('region', { name: 'Alertas de la línea' });
    await expect(supBanner).toBeAttached();

    await loginAs(op, 'operadora@vinculo.test');
    // Start from "En línea" through the header, then open case entry.
    await op.getByText('Mi estado:').click();
    await op.getByRole('button', { name: 'En línea' }).click();
    await op.goto('/app/casos/nuevo');
    const hints = op.getByRole('complementary', { name: 'Tu estado en la línea' });
    // A suggestion, not a change: the state stays until the button is pressed.
    await expect(hints).toContainText('¿Empiezas una atención?');
    await expect(op.getByText('Mi estado:')).toContainText('En línea');
    await hints.getByRole('button', { name: 'Cambiar a «En llamada»' }).click();
    await expect(hints.getByRole('status')).toHaveText('Tu estado ahora: En llamada.');
    await expect(hints.getByRole('button', { name: 'Cambiar a «En llamada»' })).toHaveCount(0);

    // "Pedir apoyo" without leaving the form.
    await hints.getByText('Pedir apoyo', { exact: true }).click();
    await hints.getByLabel('Motivo del apoyo').selectOption({ label: 'Duda legal' });
    await hints.getByRole('button', { name: 'Pedir apoyo ahora' }).click();
    await expect(hints.getByRole('status')).toContainText('Pediste apoyo');
    await expect(op).toHaveURL(/\/app\/casos\/nuevo$/);

    // The supervisor, on the today page, gets the banner live, in its live region, within 2 s.
    await expect(supBanner).toContainText('Lucía Chávez Terrazas pide apoyo (Duda legal).', {
      timeout: 2000,
    });
    await expectNoAxeViolations(sup);
    await supBanner.getByRole('button', { name: 'Voy' }).click();
    await expect(sup.getByText('Avisamos que vas en camino. Gracias.')).toBeVisible();

    // The operator, still in case entry, sees who is coming, and closes the request there.
    const opBanner = op.getByRole('region', { name: 'Alertas de la línea' });
    await expect(opBanner).toContainText('Jorge Armendáriz Loya va en camino.', { timeout: 2000 });
    await opBanner.getByRole('button', { name: 'Ya no es necesario' }).click();
    await expect(op.getByRole('heading', { name: 'La línea ahora' })).toBeVisible();

    // The request is in the operator's bitácora by itself, with a note field and no way to delete it.
    await op.goto('/app/bitacora');
    const entries = op.getByRole('region', { name: 'Descansos, salidas y apoyos' });
    await expect(entries).toContainText('Pidió apoyo: Duda legal');
    await expect(entries).toContainText('Respondió Jorge Armendáriz Loya');
    await expect(entries.getByRole('button', { name: /borrar|eliminar/i })).toHaveCount(0);
    await entries.getByLabel('Nota (sin datos del caso)').last().fill('Consulta sobre medidas de protección');
    await entries.getByRole('button', { name: 'Guardar nota' }).last().click();
    await expect(op.getByText('Bitácora guardada.')).toBeVisible();
    await expect(entries.getByLabel('Nota (sin datos del caso)').last()).toHaveValue(
      'Consulta sobre medidas de protección',
    );

    // The sound is off until the person turns it on.
    await op.goto('/app/linea');
    await expect(op.getByText('Sonido cuando alguien pide apoyo:')).toContainText('desactivado');
    await op.getByRole('button', { name: 'Activar sonido' }).click();
    await expect(op.getByText('Sonido cuando alguien pide apoyo:')).toContainText('activado');
    await op.getByRole('button', { name: 'Desactivar sonido' }).click();
    await expect(op.getByText('Sonido cuando alguien pide apoyo:')).toContainText('desactivado');
  } finally {
    await supCtx.close();
    await opCtx.close();
  }
});
