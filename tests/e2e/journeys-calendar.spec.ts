import { type Page, expect, test } from '@playwright/test';
import { expectNoAxeViolations, loginAs, sentEmails } from './helpers';

// Issue 14's phone journeys for supervision (triage → schedule → drag, asked, undo) and
// communications (post with versions → move). Every screen: no sideways scroll, 0 axe violations.
const PHONE = { width: 390, height: 844 };
test.use({ viewport: PHONE });

async function noHorizontalScroll(page: Page) {
  const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
  expect(width, `${page.url()} is ${width}px wide`).toBeLessThanOrEqual(PHONE.width);
}
async function checkScreen(page: Page) {
  await noHorizontalScroll(page);
  await expectNoAxeViolations(page);
}

/** Real pointer moves (FullCalendar listens to pointer events), in small steps. */
async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 4, from.y + 6, { steps: 3 });
  await page.mouse.move(to.x, to.y, { steps: 15 });
  await page.mouse.up();
}

test('supervisor on a phone: triage → schedule with a free operator → drag, asked, undo', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await loginAs(page, 'supervision@vinculo.test');
  await expect(page).toHaveURL(/\/app$/);

  // Triage opens on what needs action, longest waiting first, with windows and municipality.
  await page.goto('/app/solicitudes');
  await expect(page.getByRole('combobox', { name: 'Mostrar' })).toHaveValue('abiertas');
  const rows = page.locator('table.triage tbody tr');
  await expect(rows.first()).toBeVisible();
  const statuses = await rows.locator('td:nth-child(7)').allInnerTexts();
  expect(
    statuses.every((s) => /Recibida|En revisión/.test(s)),
    statuses.join(),
  ).toBe(true);
  const waits = (await rows.locator('td:nth-child(4)').allInnerTexts()).map((t) =>
    t === 'hoy' ? 0 : Number.parseInt(t, 10),
  );
  expect(waits).toEqual([...waits].sort((a, b) => b - a));
  const row = rows.filter({ hasText: 'Colegio de Bachilleres Plantel 2' });
  await expect(row).toContainText('Chihuahua');
  await expect(row.locator('ul.windows li').first()).toBeVisible();
  await checkScreen(page);

  // Schedule it: the form lists who is free per window and pre-selects someone free.
  await row.getByRole('link').first().click();
  await expect(page.getByText('(obligatorio si eliges «No aceptada» o «Cancelada»)')).toBeVisible();
  await checkScreen(page);
  await page.getByRole('link', { name: 'Programar en la agenda' }).click();
  const free = page.getByRole('region', { name: 'Quién está libre en cada fecha' });
  await expect(free).toBeVisible();
  // The pre-selected person is free in the chosen window, and an operator (least loaded this month).
  const chosen = free.locator('[aria-current="true"] ul.free li').filter({ hasText: 'Preseleccionada' });
  await expect(chosen).toHaveCount(1);
  const freeName = (await chosen.innerText()).replace(/\s*\(.*$/s, '');
  await expect(page.getByRole('checkbox', { name: freeName })).toBeChecked();
  await checkScreen(page);
  await page.getByRole('button', { name: 'Programar y avisar a la institución' }).click();
  await expect(page.getByText('Solicitud programada.')).toBeVisible();
  const activityUrl = page.url();
  const start = await page.getByLabel('Inicio').inputValue();
  const day = start.slice(0, 10);

  // Drag it an hour later on the day view: asked first, then "Deshacer" for a few seconds.
  await page.goto(`/app/agenda?fecha=${day}&vista=timeGridDay`);
  const ev = page.getByTestId('agenda-calendar').getByRole('link').filter({ hasText: 'noviazgo' }).first();
  await expect(ev).toBeVisible();
  await checkScreen(page);
  await ev.scrollIntoViewIfNeeded();
  const box = (await ev.boundingBox())!;
  const slot = (await page.locator('[data-time="08:00:00"]').first().boundingBox())!.height; // 30 min
  await drag(
    page,
    { x: box.x + box.width / 2, y: box.y + 8 },
    { x: box.x + box.width / 2, y: box.y + 8 + 2 * slot },
  );
  const dialog = page.getByRole('dialog', { name: /¿Avisar a Colegio de Bachilleres/ });
  await expect(dialog).toBeVisible();
  await checkScreen(page);
  const mailsBefore = (await sentEmails()).filter((m) => /Cambió la fecha/.test(m.body.subject)).length;
  await dialog.getByRole('button', { name: 'Mover y avisar a la institución' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'quedó' })).toContainText(
    'Se avisó por correo a Colegio de Bachilleres Plantel 2',
  );
  // Undo at once (the offer lasts 10 s); the screen is scanned with the result afterwards.
  const undo = page.getByRole('button', { name: 'Deshacer' });
  await undo.click();
  await expect(page.getByRole('status').filter({ hasText: 'Se deshizo' })).toContainText(
    'se retiró antes de salir',
  );
  await expect(undo).toBeHidden();
  await checkScreen(page);
  // Back at the scheduled time, and the withdrawn mail never goes.
  await page.goto(activityUrl);
  await expect(page.getByLabel('Inicio')).toHaveValue(start);
  await page.waitForTimeout(17_000);
  expect((await sentEmails()).filter((m) => /Cambió la fecha/.test(m.body.subject))).toHaveLength(
    mailsBefore,
  );
});

test('"Deshacer" leaves after 10 seconds', async ({ page }) => {
  test.setTimeout(90_000);
  await loginAs(page, 'supervision@vinculo.test');
  await expect(page).toHaveURL(/\/app$/);
  await page.goto('/app/agenda/nueva');
  // A meeting of one's own has no outside party: no question, just the result and the undo.
  const d = new Date(Date.now() + 9 * 86_400_000);
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Chihuahua' }).format(d);
  await page.getByLabel('Tipo de actividad').selectOption('meeting');
  await page.getByLabel('Título').fill('Reunión de planeación del taller');
  await page.getByLabel('Inicio').fill(`${day}T16:00`);
  await page.getByLabel('Fin').fill(`${day}T17:00`);
  await page.getByRole('radio', { name: 'En línea' }).check();
  await page.getByLabel('Enlace de la sesión (si es en línea)').fill('https://meet.example.org/planeacion');
  await page
    .getByRole('checkbox', { name: /\(supervisión\)/ })
    .first()
    .check();
  await page.getByRole('button', { name: /Guardar/ }).click();
  await expect(page.getByText('Actividad guardada.')).toBeVisible();
  await page.goto(`/app/agenda?fecha=${day}&vista=timeGridDay`);
  const ev = page
    .getByTestId('agenda-calendar')
    .getByRole('link')
    .filter({ hasText: 'Reunión de planeación' });
  await ev.scrollIntoViewIfNeeded();
  const box = (await ev.boundingBox())!;
  const slot = (await page.locator('[data-time="08:00:00"]').first().boundingBox())!.height;
  await drag(
    page,
    { x: box.x + box.width / 2, y: box.y + 8 },
    { x: box.x + box.width / 2, y: box.y + 8 + 2 * slot },
  );
  await expect(page.getByRole('status').filter({ hasText: 'quedó' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Deshacer' })).toBeVisible();
  await page.waitForTimeout(10_500);
  await expect(page.getByRole('button', { name: 'Deshacer' })).toBeHidden();
});

test('comms on a phone: a post with versions, then moved on the calendar, which says the new date', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await loginAs(page, 'comunicacion@vinculo.test');
  await expect(page).toHaveURL(/\/app$/);
  await page.goto('/app/contenido/publicaciones/nueva');
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Chihuahua' }).format(
    new Date(Date.now() + 3 * 86_400_000),
  );
  await page.getByLabel('Título interno').fill('Versiones: denuncia anónima');
  await page.getByLabel('Fecha y hora de publicación').fill(`${day}T11:00`);
  await page.getByRole('checkbox', { name: 'X (Twitter)' }).check();
  await page.getByRole('checkbox', { name: 'Facebook' }).check();
  const main = 'Puedes denunciar sin dar tu nombre. Llámanos y te orientamos paso a paso.';
  await page.getByLabel('Texto de la publicación').fill(main);
  // Instagram comes ticked by default: untick it.
  await page.getByRole('checkbox', { name: 'Instagram' }).uncheck();
  await page.getByText('Versiones por canal').click();
  // Only the ticked channels' boxes show.
  await expect(page.getByLabel(/Versión para X/)).toBeVisible();
  await expect(page.getByLabel(/Versión para Facebook/)).toBeVisible();
  await expect(page.getByLabel(/Versión para Instagram/)).toBeHidden();
  await expect(page.getByLabel(/Versión para TikTok/)).toBeHidden();
  const version = 'Denuncia anónima: llámanos.';
  await page.getByLabel(/Versión para X/).fill(version);
  // Under the main text: the main text's count (Facebook), not the version's; X counts under its box.
  const counts = page.locator('#f-copy-counts');
  await expect(counts.locator('[data-channel="facebook"]')).toContainText(String(main.length));
  await expect(counts.locator('[data-channel="x"]')).toBeHidden();
  await expect(page.locator('#f-variant_x-count')).toContainText(String(version.length));
  await checkScreen(page);
  await page.getByRole('button', { name: 'Guardar publicación' }).click();
  await expect(page.getByText('Publicación creada.')).toBeVisible();
  await checkScreen(page);

  // Move it a day later on the month grid.
  await page.goto('/app/contenido');
  await page.locator('[data-calendar] button').filter({ hasText: /^Mes$/ }).click();
  const ev = page.locator('[data-calendar] a', { hasText: 'Versiones: denuncia anónima' }).first();
  await expect(ev).toBeVisible();
  await checkScreen(page);
  const next = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Chihuahua' }).format(
    new Date(Date.now() + 4 * 86_400_000),
  );
  const target = page.locator(`[data-calendar] [data-date="${next}"]`).first();
  if ((await target.count()) === 0) {
    await page
      .locator(
        '[data-calendar] button[aria-label*="siguiente" i], [data-calendar] button[title*="siguiente" i]',
      )
      .first()
      .click();
  }
  await ev.scrollIntoViewIfNeeded();
  const from = (await ev.boundingBox())!;
  const to = (await target.boundingBox())!;
  await drag(
    page,
    { x: from.x + 10, y: from.y + from.height / 2 },
    { x: to.x + to.width / 2, y: to.y + to.height / 2 },
  );
  await expect(page.getByRole('alert')).toContainText(
    new RegExp(`se movió al \\S+ ${Number(next.slice(8))} \\S+, 11:00\\.`),
  );
  await checkScreen(page);
});
