import { type Page, expect, test } from '@playwright/test';
import { expectNoAxeViolations, loginAs } from './helpers';

/** Presses Tab until the element with `id` has focus (keyboard only, like an operator would). */
async function tabTo(page: Page, id: string, max = 40) {
  for (let i = 0; i < max; i++) {
    if (await page.evaluate((target) => document.activeElement?.id === target, id)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`No llegamos a #${id} con Tab`);
}

test('an operator enters a call with the keyboard only, then schedules a follow-up', async ({ page }) => {
  await loginAs(page, 'operadora@vinculo.test');
  await page.goto('/app/casos/nuevo');
  await expect(page.getByRole('heading', { level: 1, name: 'Registrar atención' })).toBeVisible();
  await expectNoAxeViolations(page);
  // The island focuses the call type; "Con datos" is the default.
  await expect(page.locator('#f-callType')).toBeFocused();

  await tabTo(page, 'f-durationMinutes');
  await page.keyboard.type('18');
  await tabTo(page, 'f-callerRole');
  await page.keyboard.press('Space');
  await tabTo(page, 'f-personName');
  await page.keyboard.type('Marisela Ontiveros Baca');
  await tabTo(page, 'f-followUpConsent');
  await page.keyboard.press('Space');
  await tabTo(page, 'f-followUpPhone');
  await page.keyboard.type('614 220 1188');
  await tabTo(page, 'f-privacyNoticeGiven');
  await page.keyboard.press('Space');
  await tabTo(page, 'f-categories');
  await page.keyboard.type('vehiculo automotor');
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('status').filter({ hasText: 'Elegiste Robo › Robo de vehículo automotor' }),
  ).toBeVisible();
  await tabTo(page, 'f-summary');
  await page.keyboard.type(
    'Le robaron su auto frente al mercado; se le explicó cómo denunciar ante la Fiscalía.',
  );
  await page.keyboard.press('Control+Enter');

  await expect(page).toHaveURL(/\/app\/casos\/LC-\d{4}-\d{5}\?registrado=1$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Caso LC-\d{4}-\d{5}$/);
  await expect(page.getByText('Marisela Ontiveros Baca').first()).toBeVisible();
  await expect(page.getByText('Robo de vehículo automotor')).toBeVisible();
  await expectNoAxeViolations(page);
  const folio = (await page.getByRole('heading', { level: 1 }).textContent())!.replace('Caso ', '');

  // A follow-up call for the day after tomorrow (the form's default date).
  await page.getByLabel('Tipo').selectOption({ label: 'Llamada' });
  await page.getByRole('button', { name: 'Programar' }).click();
  await expect(page.getByText('Cambios guardados.')).toBeVisible();
  await expect(page.getByText('Pendiente')).toBeVisible();
  await expect(page.locator('.head .badge')).toHaveText('En seguimiento');

  await page.goto('/app/seguimientos');
  await expect(page.getByRole('link', { name: folio })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('a non-data call is saved in seconds and the form is ready for the next one', async ({ page }) => {
  await loginAs(page, 'operadora@vinculo.test');
  await page.goto('/app/casos/nuevo');
  await expect(page.locator('#f-callType')).toBeFocused();
  // Arrow keys move through the call types: data → information → silent → hang-up.
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByLabel('Colgó')).toBeChecked();
  await expect(page.getByLabel('Buscar categoría')).toHaveCount(0);
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Registramos el contacto (Colgó)' })).toBeVisible();
  await expect(page.getByLabel('Con datos (atención)')).toBeChecked();
});

test('a draft survives a reload and can be discarded', async ({ page }) => {
  await loginAs(page, 'operadora@vinculo.test');
  await page.goto('/app/casos/nuevo');
  await page
    .getByLabel('Resumen')
    .fill('Llamada cortada a la mitad: señora de Parral con amenazas de un vecino');
  await expect(page.getByText(/Borrador guardado a las/)).toBeVisible();
  await page.reload();
  // Never loaded silently: it may be another caller's. It is offered, and loaded on "continuar".
  await expect(page.getByLabel('Resumen')).toHaveValue('');
  await page.getByRole('link', { name: /Continuar el borrador de las/ }).click();
  await expect(page.getByLabel('Resumen')).toHaveValue(
    'Llamada cortada a la mitad: señora de Parral con amenazas de un vecino',
  );
  await expect(page.getByText(/Continúas el borrador de las/).first()).toBeVisible();
  await page.getByRole('button', { name: 'Descartar borrador y empezar de nuevo' }).click();
  await expect(page.getByLabel('Resumen')).toHaveValue('');
});

test('an operator gets 404 for a case outside her scope; the supervisor sees it and its access history', async ({
  page,
}) => {
  // Supervisión sees every case: find Ricardo's demo case by name (the term goes in the POST body).
  await loginAs(page, 'supervision@vinculo.test');
  await page.goto('/app/casos');
  await expectNoAxeViolations(page);
  await page.getByLabel('Nombre').fill('holguín');
  await page.getByRole('button', { name: 'Buscar' }).click();
  await expect(page).toHaveURL(/\/app\/casos$/);
  const link = page.getByRole('table').getByRole('link', { name: /^LC-/ });
  await expect(link).toHaveCount(1);
  const folio = (await link.textContent())!;
  // The export takes the same filters from the POST body and leaves names and phones out.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: /Exportar CSV/ }).click();
  const csv = await (
    await download
  )
    .path()
    .then((p) => import('node:fs').then((fs) => fs.readFileSync(p, 'utf8')));
  expect(csv).toContain(folio);
  expect(csv).not.toMatch(/holgu[ií]n/i);
  await link.click();
  await expect(page.getByRole('heading', { name: 'Historial de acceso' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Consultó el caso' }).first()).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Cerrar sesión' }).click();

  await loginAs(page, 'operadora@vinculo.test');
  const response = await page.goto(`/app/casos/${folio}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'No encontramos esta página' })).toBeVisible();
  await page.goto('/app/casos');
  await page.getByLabel('Nombre').fill('holguín');
  await page.getByRole('button', { name: 'Buscar' }).click();
  await expect(page.getByText('No hay casos que coincidan.')).toBeVisible();
  // Her own case opens, without the access history (supervisors only).
  await page.getByLabel('Nombre').fill('Domínguez');
  await page.getByRole('button', { name: 'Buscar' }).click();
  await page.getByRole('table').getByRole('link', { name: /^LC-/ }).click();
  await expect(page.getByText('Rosa Elena Domínguez').first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Historial de acceso' })).toHaveCount(0);
});

test('comms never reaches cases; an admin edits the taxonomy', async ({ page }) => {
  await loginAs(page, 'comunicacion@vinculo.test');
  const response = await page.goto('/app/casos');
  expect(response?.status()).toBe(403);
  await page.goto('/app');
  await page.getByRole('button', { name: 'Cerrar sesión' }).click();

  await loginAs(page, 'coordinacion@vinculo.test');
  await page.goto('/app/admin/categorias');
  await expectNoAxeViolations(page);
  await page.getByLabel('Nombre', { exact: true }).fill('Trámites de reparación del daño');
  await page.getByLabel('Dentro de').selectOption({ label: 'Orientación general' });
  await page.getByRole('button', { name: 'Agregar' }).click();
  await expect(page.getByText('Categoría guardada.')).toBeVisible();
  await page.locator('summary', { hasText: 'Orientación general' }).click();
  await expect(page.locator('input[value="Trámites de reparación del daño"]')).toBeVisible();
});

test('an operator refers a case to a directory service and records the outcome; the directory flags stale entries and exports', async ({
  page,
}) => {
  await loginAs(page, 'operadora@vinculo.test');
  await page.goto('/app/directorio');
  await expect(page.getByRole('heading', { level: 1, name: 'Directorio de canalización' })).toBeVisible();
  await expect(page.getByText('Desactualizado').first()).toBeVisible();
  await expectNoAxeViolations(page);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Servicios (CSV)' }).click();
  const csv = await (
    await download
  )
    .path()
    .then((p) => import('node:fs').then((fs) => fs.readFileSync(p, 'utf8')));
  expect(csv).toContain('Refugio temporal');
  expect(csv.split('\r\n')[0]).toContain('organization_id');

  await page.getByRole('link', { name: 'Casa Amiga Centro de Crisis' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Casa Amiga Centro de Crisis' })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto('/app/casos');
  await page.getByLabel('Nombre').fill('Domínguez');
  await page.getByRole('button', { name: 'Buscar' }).click();
  await page.getByRole('table').getByRole('link', { name: /^LC-/ }).click();
  await page
    .getByLabel('Servicio del directorio')
    .selectOption({ label: 'Refugio temporal (desactualizado)' });
  await page
    .getByLabel('Motivo o indicaciones')
    .fill('Riesgo alto: valorar ingreso a refugio con sus dos hijos.');
  await page.getByRole('button', { name: 'Canalizar' }).click();
  await expect(page.getByText('Cambios guardados.')).toBeVisible();
  const item = page.locator('li', { hasText: 'Refugio temporal' });
  await expect(item.getByText('Pendiente')).toBeVisible();
  await item.getByLabel('Resultado', { exact: true }).selectOption({ label: 'La atendieron' });
  await item.getByRole('button', { name: 'Guardar resultado' }).click();
  await expect(page.getByText('Cambios guardados.')).toBeVisible();
  await expect(
    page.locator('li', { hasText: 'Refugio temporal' }).locator('.badge', { hasText: 'La atendieron' }),
  ).toBeVisible();
  await expectNoAxeViolations(page);
});

test('an operator drafts an oficio from a template, prints it and records it as sent', async ({ page }) => {
  await loginAs(page, 'operadora@vinculo.test');
  await page.goto('/app/casos');
  await page.getByLabel('Nombre').fill('Domínguez');
  await page.getByRole('button', { name: 'Buscar' }).click();
  await page.getByRole('table').getByRole('link', { name: /^LC-/ }).click();
  await page
    .getByLabel('Dirigido a')
    .selectOption({ label: 'Centro de Justicia para las Mujeres (CEJUM) Chihuahua' });
  await page.getByLabel('Plantilla').selectOption({ label: 'Solicitud de medidas de protección' });
  await page.getByRole('button', { name: 'Crear borrador' }).click();
  await expect(page).toHaveURL(/\/app\/casos\/oficios\/OF-\d{4}-\d{4}\?nuevo=1$/);
  const letter = page.getByRole('article', { name: 'Vista de la carta' });
  await expect(letter).toContainText('Adriana Ruiz Holguín');
  await expect(letter).toContainText('Solicitud de medidas de protección');
  await expectNoAxeViolations(page);
  // The print stylesheet leaves only the letter.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('navigation', { name: 'Menú del equipo' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Marcar como enviado' })).toBeHidden();
  await expect(letter).toBeVisible();
  await page.emulateMedia({ media: 'screen' });

  await page.getByLabel('Medio').selectOption({ label: 'Oficialía de partes' });
  await page.getByRole('button', { name: 'Marcar como enviado' }).click();
  await expect(page.getByText('Cambios guardados.')).toBeVisible();
  await expect(page.locator('.head .badge')).toHaveText('Enviado');
  await expect(page.getByRole('button', { name: 'Guardar acuse' })).toBeVisible();
  await page.getByRole('button', { name: 'Guardar acuse' }).click();
  await expect(page.locator('.head .badge')).toHaveText('Con acuse');
});

test('an operator closes her shift log and a supervisor signs it off', async ({ page }) => {
  await loginAs(page, 'operadora@vinculo.test');
  await page.goto('/app/bitacora?dia=2026-11-02&turno=matutino');
  await expect(page.getByRole('heading', { level: 1, name: 'Bitácora' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page
    .getByLabel('Notas (incidencias, pendientes para el siguiente turno)')
    .fill('Turno tranquilo. Pendiente confirmar cita en CEJUM.');
  await page.getByLabel(/Cerrar la bitácora/).check();
  await page.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.getByText('Bitácora guardada.')).toBeVisible();
  await expect(page.getByText('Cerrada, por firmar')).toBeVisible();
  await page.getByRole('button', { name: 'Cerrar sesión' }).click();

  await loginAs(page, 'supervision@vinculo.test');
  await page.goto('/app/bitacora');
  await page.getByRole('link', { name: /Lucía Chávez Terrazas · 2026-11-02/ }).click();
  await expect(page.getByText('Turno tranquilo. Pendiente confirmar cita en CEJUM.')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Firmar de revisado' }).click();
  await expect(page.getByText('Firmada', { exact: true })).toBeVisible();
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });
  test('the entry form still saves, and explains mistakes beside each field keeping what was typed', async ({
    page,
  }) => {
    await loginAs(page, 'operadora@vinculo.test');
    await page.goto('/app/casos/nuevo');
    await page.getByLabel('Duración (minutos)').fill('7');
    await page.getByLabel('Nombre', { exact: true }).fill('Eva Quezada Lerma');
    await page.getByRole('button', { name: 'Guardar atención' }).click();
    await expect(page.getByText('Elige quién llama.').first()).toBeVisible();
    await expect(page.getByText('Elige al menos una categoría.').first()).toBeVisible();
    await expect(page.getByLabel('Nombre', { exact: true })).toHaveValue('Eva Quezada Lerma');
    await page.getByLabel('Víctima').check();
    await page.getByLabel('Le leí el aviso de privacidad simplificado').check();
    await page.getByLabel('Amenazas', { exact: true }).check();
    await page.getByLabel('Resumen').fill('Amenazas de un vecino por un conflicto de linderos.');
    await page.getByRole('button', { name: 'Guardar atención' }).click();
    await expect(page).toHaveURL(/\/app\/casos\/LC-\d{4}-\d{5}\?registrado=1$/);
    await expect(page.getByText('Eva Quezada Lerma').first()).toBeVisible();
  });
});

test('an admin sets the retention period', async ({ page }) => {
  await loginAs(page, 'coordinacion@vinculo.test');
  await page.goto('/app/admin/conservacion');
  await expectNoAxeViolations(page);
  await page.getByLabel(/Años que se conservan/).fill('0');
  await page.getByRole('button', { name: 'Guardar plazo' }).click();
  await expect(page.getByText('Mínimo 1 año.')).toBeVisible();
  await page.getByLabel(/Años que se conservan/).fill('7');
  await page.getByRole('button', { name: 'Guardar plazo' }).click();
  await expect(page.getByText('Plazo guardado.')).toBeVisible();
  await expect(page.getByLabel(/Años que se conservan/)).toHaveValue('7');
});
