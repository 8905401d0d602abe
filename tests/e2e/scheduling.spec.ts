import { type Page, expect, test } from '@playwright/test';
import ICAL from 'ical.js';
import { expectNoAxeViolations, loginAs, sentEmails, waitForEmail } from './helpers';

// A Saturday: the demo calendar is weekdays only, so these activities clash with nothing but
// each other, and the other demo operator keeps the phones covered.
function nextSaturday(): string {
  const today = new Date(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Chihuahua' }).format(new Date()) + 'T12:00:00Z',
  );
  // Three weeks out at most: past the demo's furthest booking (operador@'s leave ends on the 10th
  // working day), so the hotline-cover rule never depends on the calendar date the suite runs on.
  const add = ((6 - today.getUTCDay() + 7) % 7) + 14;
  return new Date(today.getTime() + add * 86_400_000).toISOString().slice(0, 10);
}
const SAT = nextSaturday();
const A = 'Plática e2e en la Secundaria 3013';
const B = 'Reunión e2e con la directiva';

async function createActivity(page: Page, title: string, from: string, to: string, expectSaved = true) {
  await page.goto('/app/agenda/nueva');
  await page.getByLabel('Tipo de actividad').selectOption({ label: 'Taller o plática' });
  await page.getByLabel('Título').fill(title);
  await page.getByLabel('Inicio').fill(`${SAT}T${from}`);
  await page.getByLabel('Fin').fill(`${SAT}T${to}`);
  await page
    .getByLabel('Lugar (si es presencial)')
    .fill('Escuela Secundaria Estatal 3013, Calle Valle del Cedro 1650');
  await page.getByLabel('Municipio (si es presencial)').selectOption({ label: 'Chihuahua' });
  await page.getByLabel('Lucía Chávez Terrazas').check();
  await page.getByLabel('Confirmada').check();
  await page.getByRole('button', { name: 'Guardar actividad' }).click();
  if (expectSaved) await expect(page.getByText('Actividad guardada.')).toBeVisible();
}

/** The calendar's event element for a title (FullCalendar v7 renders events as links). */
const eventEl = (page: Page, title: string) =>
  page.getByTestId('agenda-calendar').getByRole('link').filter({ hasText: title }).first();

async function dragBy(page: Page, title: string, dy: number) {
  await eventEl(page, title).scrollIntoViewIfNeeded();
  const box = (await eventEl(page, title).boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + 8);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) {
    await page.mouse.move(box.x + box.width / 2, box.y + 8 + (dy * i) / 10);
    await page.waitForTimeout(30); // FullCalendar tracks the pointer per animation frame
  }
  await page.mouse.up();
  return box;
}

test.describe.configure({ mode: 'serial' });

test('creates an activity with the plain form, without JavaScript; errors stay beside the fields', async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await loginAs(page, 'supervision@vinculo.test');
  await page.goto('/app/agenda/nueva');
  await page.getByRole('button', { name: 'Guardar actividad' }).click();
  await expect(page.getByText('Elige el tipo de actividad.')).toBeVisible();
  await expect(page.getByText('Asigna al menos a una persona.')).toBeVisible();
  await expect(page.getByLabel('Título')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Título').fill(A);
  await page.getByRole('button', { name: 'Guardar actividad' }).click();
  await expect(page.getByLabel('Título')).toHaveValue(A); // what was typed is kept
  await createActivity(page, A, '10:00', '11:00');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(A);
  await expect(page.getByRole('definition').filter({ hasText: 'Lucía Chávez Terrazas' })).toBeVisible();
  await context.close();
});

test('drag to reschedule goes through the server; a refused move snaps back with the reason', async ({
  page,
}) => {
  // Tall enough that the whole working day fits: pointer drags cannot scroll the page.
  await page.setViewportSize({ width: 1280, height: 1500 });
  await loginAs(page, 'supervision@vinculo.test');
  await createActivity(page, B, '15:00', '16:00');
  await expectNoAxeViolations(page);
  await page.goto(`/app/agenda?fecha=${SAT}&vista=timeGridDay`);
  await expect(eventEl(page, A)).toBeVisible();
  await expectNoAxeViolations(page);
  const hour = (await eventEl(page, A).boundingBox())!.height; // a one-hour event

  // 10:00 → 12:00
  await dragBy(page, A, 2 * hour);
  await expect(page.getByRole('status').filter({ hasText: 'quedó' })).toContainText(`«${A}» quedó`);
  await page.reload();
  await expect(eventEl(page, A)).toContainText('12:00');

  // 12:00 → 15:00 clashes with B: refused, and the event goes back.
  const grid = page.getByRole('grid');
  const offset = async () => (await eventEl(page, A).boundingBox())!.y - (await grid.boundingBox())!.y;
  const before = await offset();
  await dragBy(page, A, 3 * hour);
  await expect(page.getByRole('alert')).toContainText(`Lucía Chávez Terrazas ya tiene «${B}»`);
  // Snapped back: same place in the grid, same times on the label.
  await expect.poll(offset).toBeCloseTo(before, 0);
  await expect(eventEl(page, A)).toContainText('12:00–13:00');
  await page.reload();
  await expect(eventEl(page, A)).toContainText('12:00');

  // Selecting an empty slot opens the form with that time.
  const slot = (await eventEl(page, A).boundingBox())!;
  await page.mouse.move(slot.x + 200, slot.y + 5 * hour + 5);
  await page.mouse.down();
  for (let i = 1; i <= 5; i++) {
    await page.mouse.move(slot.x + 200, slot.y + 5 * hour + 5 + (hour * i) / 5);
    await page.waitForTimeout(30);
  }
  await page.mouse.up();
  await expect(page).toHaveURL(/\/app\/agenda\/nueva\?inicio=/);
  await expect(page.getByLabel('Inicio')).toHaveValue(new RegExp(`^${SAT}T1[6-7]:(00|30)$`));
  await expect(page.getByLabel('Fin')).toHaveValue(new RegExp(`^${SAT}T1[7-8]:(00|30)$`));
});

test('the list view shows the week without JavaScript and passes an accessibility scan', async ({ page }) => {
  await loginAs(page, 'supervision@vinculo.test');
  await page.goto(`/app/agenda/lista?semana=${SAT}`);
  const row = page.getByRole('row').filter({ hasText: A });
  await expect(row).toContainText('12:00–13:00');
  await expect(row).toContainText('Lucía Chávez Terrazas');
  await expect(page.getByRole('row').filter({ hasText: B })).toContainText('15:00–16:00');
  await expectNoAxeViolations(page);
  await row.getByRole('link', { name: A }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(A);
});

test('an operator gets a private iCalendar link that a real parser reads', async ({ page }) => {
  await loginAs(page, 'operadora@vinculo.test');
  await page.goto('/app/perfil/calendario');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Crear mi enlace' }).click();
  const url = await page.getByLabel('Enlace de suscripción').inputValue();
  expect(url).toMatch(/\/ical\/[a-z2-7]+\.ics$/);
  const res = await page.request.get(url);
  expect(res.headers()['content-type']).toContain('text/calendar');
  const cal = new ICAL.Component(ICAL.parse(await res.text()));
  const events = cal.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
  const a = events.find((e) => e.summary === A)!;
  expect(a).toBeTruthy();
  expect(a.startDate.toJSDate().toISOString()).toBe(new Date(`${SAT}T12:00:00-06:00`).toISOString());
  // Demo activities of hers are there too; Ricardo's are not.
  expect(events.some((e) => e.summary === 'Cómo actuar ante la extorsión telefónica')).toBe(false);
  await page.getByRole('button', { name: 'Revocar el enlace' }).click();
  await expect(page.getByText('Enlace revocado')).toBeVisible();
  expect((await page.request.get(url)).status()).toBe(404);
});

test('exports the period as CSV for a spreadsheet', async ({ page }) => {
  await loginAs(page, 'supervision@vinculo.test');
  await page.goto('/app/agenda/exportar');
  await page.getByLabel('Desde').fill(SAT);
  await page.getByLabel('Hasta (incluido)').fill(SAT);
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Descargar CSV' }).click();
  const file = await download;
  const text = (await (await file.createReadStream()).toArray()).map(String).join('');
  expect(text.charCodeAt(0)).toBe(0xfeff);
  expect(text).toContain(`${SAT} 12:00,${SAT} 13:00,America/Chihuahua`);
  expect(text).toContain(B);
});

test('a supervisor schedules a workshop request; the school gets date, place, facilitator and an .ics', async ({
  page,
}) => {
  await loginAs(page, 'supervision@vinculo.test');
  await page.goto('/app/agenda');
  await page.getByText(/Solicitudes de taller por programar/).click();
  // The demo request from the Juárez secondary school (other demo requests wait in the inbox too).
  await page
    .getByRole('listitem')
    .filter({ hasText: 'Escuela Secundaria Estatal 3013' })
    .getByRole('link', { name: /^Programar T-/ })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Programar la solicitud');
  await expectNoAxeViolations(page);
  // Prefilled from the request: its topic, first preferred window (Juárez time) and place.
  await expect(page.getByLabel('Título')).toHaveValue('Seguridad digital para adolescentes');
  await expect(page.getByLabel('Inicio')).toHaveValue(/T09:00$/);
  await expect(page.getByLabel('Fin')).toHaveValue(/T10:00$/);
  // The least-loaded free person comes pre-selected; choose Lucía instead.
  const people = page.getByRole('group', { name: 'Personas asignadas' }).getByRole('checkbox');
  expect(
    await people.evaluateAll((boxes) => boxes.filter((b) => (b as HTMLInputElement).checked).length),
  ).toBe(1);
  for (const box of await people.all()) await box.uncheck();
  await page.getByLabel('Lucía Chávez Terrazas').check();
  await page.getByRole('button', { name: 'Programar y avisar a la institución' }).click();
  await expect(page.getByText('Solicitud programada.')).toBeVisible();
  await expect(page.getByText('(hora de Ciudad Juárez)')).toBeVisible();

  const mail = await waitForEmail('subdireccion.est3013@escuelas.test', /quedó programado/);
  expect(mail.body.text).toContain('Te atenderá: Lucía, de nuestro equipo.');
  expect(mail.body.text).toMatch(/Fecha y hora: .* 09:00–10:00 \(hora de Ciudad Juárez\)/);
  const full = (await sentEmails()).findLast((m) =>
    m.body.to.includes('subdireccion.est3013@escuelas.test'),
  ) as unknown as { body: { attachments: { filename: string; content: string }[] } };
  const ics = Buffer.from(full.body.attachments[0]!.content, 'base64').toString('utf8');
  const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!);
  expect(event.summary).toBe('Seguridad digital para adolescentes');
  expect(event.location).toContain('Escuela Secundaria Estatal 3013');
});

test('the operator records attendance after the workshop; the activity is done and the request completed', async ({
  page,
}) => {
  await loginAs(page, 'operadora@vinculo.test');
  // Yesterday's (or last working day's) demo workshop still waits for its outcome.
  await page.goto('/app/agenda/lista?estado=confirmed&operador=');
  await page.getByRole('link', { name: '← Semana anterior' }).click();
  let link = page.getByRole('link', { name: 'Primeros auxilios psicológicos' });
  if ((await link.count()) === 0) {
    await page.getByRole('link', { name: 'Semana siguiente →' }).click();
    link = page.getByRole('link', { name: 'Primeros auxilios psicológicos' });
  }
  await link.click();
  await expect(page.getByRole('heading', { name: 'Registrar el resultado' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByLabel('Personas asistentes (total)').fill('40');
  await page.getByLabel('Mujeres').fill('30');
  await page.getByLabel('Hombres').fill('15');
  await page.getByRole('button', { name: 'Guardar resultado' }).click();
  await expect(page.getByText('La suma por sexo es mayor que el total.')).toBeVisible();
  await expect(page.getByLabel('Personas asistentes (total)')).toHaveValue('40');
  await page.getByLabel('Hombres').fill('10');
  await page.getByLabel('Materiales entregados').fill('45 trípticos, 1 cartel');
  await page.getByRole('button', { name: 'Guardar resultado' }).click();
  await expect(page.getByText('Resultado guardado.')).toBeVisible();
  await expect(page.locator('.badge', { hasText: 'Realizada' })).toBeVisible();
  await expect(
    page.getByRole('definition').filter({ hasText: 'Facultad de Derecho, UACH (Realizada)' }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Cambiar la actividad' })).toHaveCount(0);
});

test('the other agenda screens pass an accessibility scan; time off blocks scheduling', async ({ page }) => {
  await loginAs(page, 'supervision@vinculo.test');
  for (const path of ['/app/agenda/nueva', '/app/agenda/exportar', '/app/agenda/ausencias']) {
    await page.goto(path);
    await expectNoAxeViolations(page);
  }
  await page.getByLabel('Persona').selectOption({ label: 'Lucía Chávez Terrazas' });
  await page.getByLabel('Desde').fill(`${SAT}T18:00`);
  await page.getByLabel('Hasta').fill(`${SAT}T20:00`);
  await page.getByLabel('Motivo breve').fill('Curso de actualización');
  await page.getByRole('button', { name: 'Registrar ausencia' }).click();
  await expect(page.getByText('Ausencia registrada.')).toBeVisible();
  await expect(page.getByRole('row').filter({ hasText: 'Curso de actualización' })).toContainText(
    'Lucía Chávez Terrazas',
  );
  await createActivity(page, 'Taller que choca con la ausencia', '19:00', '19:30', false);
  await expect(page.getByRole('alert')).toContainText(
    'Lucía Chávez Terrazas no está disponible (Curso de actualización)',
  );
  await expect(page.getByLabel('Título')).toHaveValue('Taller que choca con la ausencia');
});
