import { type Browser, type Page, expect, test } from '@playwright/test';
import { expectNoAxeViolations, loginAs, waitForEmail } from './helpers';

const PUBLIC_PAGES = [
  '/',
  '/en/',
  '/talleres',
  '/en/talleres',
  '/talleres/extorsion-telefonica',
  '/en/talleres/extorsion-telefonica',
  '/aviso-de-privacidad',
  '/en/aviso-de-privacidad',
  '/talleres/solicitar',
  '/en/talleres/solicitar',
];

/** A date `days` ahead as the date input wants it (the browser runs in America/Chihuahua). */
function ahead(days: number) {
  const d = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Chihuahua' }).format(d);
}

async function fillRequest(page: Page, email: string, institution: string) {
  await page.getByLabel('Nombre de la institución').fill(institution);
  await page.getByLabel('Tipo de institución').selectOption('secundaria');
  await page.getByLabel('Municipio').selectOption({ label: 'Juárez' });
  await page.getByLabel('Domicilio').fill('Calle Valle del Cedro 1650, Fracc. Valle del Sol, Ciudad Juárez');
  await page.getByLabel('Nombre completo').fill('Martha Alicia Ontiveros Peña');
  await page.getByLabel('Cargo').fill('Orientadora');
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Teléfono').fill('656 123 4567');
  await page.getByLabel('Prevención del acoso escolar').check();
  await page.getByLabel('Seguridad digital para adolescentes').check();
  await page
    .getByLabel(/¿Quiénes asistirán\?/)
    .fill('Alumnado de segundo grado (13 y 14 años) y sus docentes');
  await page.getByLabel('Número aproximado de asistentes').fill('120');
  await page.getByLabel('Presencial', { exact: true }).check();
  await page.locator('#f-w1Date').fill(ahead(10));
  await page.locator('#f-w1From').fill('09:00');
  await page.locator('#f-w1To').fill('11:00');
  await page.getByText('Agregar comentarios').click();
  await page.getByLabel('Comentarios').fill('Contamos con auditorio y proyector.');
  await page.getByLabel(/Leí el aviso de privacidad/).check();
}

/** People need a few seconds to fill the form; the server refuses faster posts as spam. */
async function submitAfterMinimumTime(page: Page, loadedAt: number) {
  const wait = 3_300 - (Date.now() - loadedAt);
  if (wait > 0) await page.waitForTimeout(wait);
  await page.getByRole('button', { name: 'Enviar solicitud' }).click();
}

async function statusLinkFromMail(email: string) {
  const mail = await waitForEmail(email, /Recibimos tu solicitud T-\d{4}-\d{4}/);
  return /https?:\/\/\S+\/solicitud\/[a-z2-7]+/.exec(mail.body.text)![0];
}

/** Content pages carry one small inline script: the quick exit. Nothing is downloaded. */
async function expectOnlyQuickExitScript(page: Page, path: string) {
  const scripts = await page.locator('script').evaluateAll((nodes) =>
    nodes.map((n) => ({
      src: n.getAttribute('src'),
      length: n.textContent?.length ?? 0,
      text: n.textContent ?? '',
    })),
  );
  expect(scripts, path).toHaveLength(1);
  expect(scripts[0]!.src, path).toBeNull();
  expect(scripts[0]!.text, path).toContain('data-quick-exit');
  expect(scripts[0]!.length, path).toBeLessThan(1000);
}

test('content pages ship only the quick-exit script, pass axe, and the home page leads with the hotline', async ({
  page,
}) => {
  const scripts: string[] = [];
  page.on('response', (r) => {
    if (r.request().resourceType() === 'script') scripts.push(r.url());
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('No estás solo ni sola');
  await expect(page.getByRole('link', { name: /Llamar al 614 123 4567/ })).toHaveAttribute(
    'href',
    'tel:+526141234567',
  );
  await expect(page.getByRole('link', { name: 'Escribir por WhatsApp' })).toHaveAttribute(
    'href',
    'https://wa.me/526141234568',
  );
  await expect(page.getByRole('heading', { name: 'Cómo denunciar' })).toBeVisible();
  const jsBytes = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((e) => (e as PerformanceResourceTiming).initiatorType === 'script')
      .reduce((n, e) => n + (e as PerformanceResourceTiming).transferSize, 0),
  );
  expect(jsBytes).toBe(0);
  expect(scripts).toEqual([]);
  await expectOnlyQuickExitScript(page, '/');

  for (const path of PUBLIC_PAGES) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoAxeViolations(page);
    if (!path.includes('solicitar')) await expectOnlyQuickExitScript(page, path);
  }

  // Language switch and the alternate link.
  await page.goto('/talleres');
  await expect(page.locator('link[rel="alternate"][hreflang="en"]')).toHaveAttribute(
    'href',
    /^http:\/\/127\.0\.0\.1:\d+\/en\/talleres$/,
  );
  await page.getByRole('banner').getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(/\/en\/talleres$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Talks and workshops');
});

test('without JavaScript: errors beside each field with values kept, then a folio, the status link, and cancelling', async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  let loadedAt = Date.now();
  await page.goto('/talleres/solicitar');
  await page.getByLabel('Nombre de la institución').fill('Secundaria sin JS');
  await page.getByLabel('Correo electrónico').fill('no-es-un-correo');
  await submitAfterMinimumTime(page, loadedAt);
  expect(page.url()).toContain('/talleres/solicitar');
  await expect(page.getByRole('alert')).toContainText('Revisa los campos marcados');
  await expect(page.locator('#f-contactEmail-error')).toHaveText(
    'Escribe un correo válido, por ejemplo nombre@escuela.edu.mx.',
  );
  await expect(page.getByLabel('Correo electrónico')).toHaveAttribute(
    'aria-describedby',
    /f-contactEmail-error/,
  );
  await expect(page.locator('#f-topics-error')).toHaveText('Elige al menos un tema.');
  await expect(page.locator('#f-w1Date-error')).toHaveText('Propón al menos una fecha.');
  await expect(page.getByLabel('Nombre de la institución')).toHaveValue('Secundaria sin JS');

  loadedAt = Date.now();
  const email = `sinjs.${Date.now()}@escuela.example.mx`;
  await fillRequest(page, email, 'Escuela Secundaria Estatal 3013');
  await submitAfterMinimumTime(page, loadedAt);
  await expect(page.getByRole('heading', { name: 'Recibimos tu solicitud' })).toBeVisible();
  const folio = (await page.locator('.folio').textContent())!.match(/T-\d{4}-\d{4}/)![0];
  await expect(page.getByText(`Te enviamos un correo a ${email}`)).toBeVisible();

  // Supervisors hear about it, with a link into the app and no contact data.
  const notice = await waitForEmail(
    'supervision@vinculo.test',
    new RegExp(`Nueva solicitud de plática ${folio}`),
  );
  expect(notice.body.text).toMatch(/\/app\/solicitudes\/\d+/);
  expect(notice.body.text).not.toContain(email);

  const link = await statusLinkFromMail(email);
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Solicitud ${folio}`);
  await expect(page.getByText('Recibida', { exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: /aviso de privacidad, versión 2026-1/ })).toHaveAttribute(
    'href',
    '/aviso-de-privacidad?version=2026-1',
  );
  await page.getByRole('button', { name: 'Cancelar la solicitud' }).click();
  await expect(page.locator('#f-reason-error')).toHaveText('Escribe el motivo de la cancelación.');
  await page.getByLabel('Motivo de la cancelación').fill('Cambió el calendario escolar.');
  await page.getByRole('button', { name: 'Cancelar la solicitud' }).click();
  await expect(page.getByText('Cancelaste la solicitud.')).toBeVisible();
  await expect(page.getByText('Cancelada', { exact: true })).toBeVisible();
  await expect(page.getByText('Cambió el calendario escolar.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Cancelar la solicitud' })).toHaveCount(0);
  await context.close();
});

test('with JavaScript: the same rules check a field as soon as it is left, and the form still posts', async ({
  page,
}) => {
  // The server-rendered error state (what a no-JS visitor gets) passes axe too: form.submit()
  // skips the script's checks and posts the empty form.
  await page.goto('/talleres/solicitar');
  await page.waitForTimeout(3_300);
  await page.evaluate(() => document.querySelector<HTMLFormElement>('form[data-request-form]')!.submit());
  await expect(page.getByRole('alert')).toContainText('Revisa los campos marcados');
  await expectNoAxeViolations(page);

  await page.goto('/talleres/solicitar');
  const loadedAt = Date.now();
  await page.getByLabel('Correo electrónico').fill('escuela@');
  await page.getByLabel('Teléfono').focus();
  await expect(page.locator('#f-contactEmail-error')).toHaveText(
    'Escribe un correo válido, por ejemplo nombre@escuela.edu.mx.',
  );
  await expect(page.getByLabel('Correo electrónico')).toHaveAttribute('aria-invalid', 'true');
  // Submitting with errors stays on the page, without a round trip, and focuses the first one.
  await page.getByRole('button', { name: 'Enviar solicitud' }).click();
  await expect(page.getByLabel('Nombre de la institución')).toBeFocused();
  await expect(page.locator('#f-institutionName-error')).toBeVisible();
  await expectNoAxeViolations(page);

  const email = `conjs.${Date.now()}@escuela.example.mx`;
  await fillRequest(page, email, 'Colegio de Bachilleres Plantel 2');
  await expect(page.locator('.field-error')).toHaveCount(0);
  await submitAfterMinimumTime(page, loadedAt);
  await expect(page.getByText(/Tu folio es T-\d{4}-\d{4}\./)).toBeVisible();
  await page.goto(await statusLinkFromMail(email));
  await expect(page.getByRole('button', { name: 'Cancelar la solicitud' })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('a wrong or mangled status link is a plain 404', async ({ page }) => {
  for (const token of ['abcdefghijklmnopqrstuvwxyz234567', 'corto', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567']) {
    const res = await page.goto(`/solicitud/${token}`);
    expect(res?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('No encontramos esta página');
  }
});

async function submitThroughForm(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/talleres/solicitar');
  const loadedAt = Date.now();
  await fillRequest(page, email, 'Centro Comunitario Francisco I. Madero');
  await submitAfterMinimumTime(page, loadedAt);
  const folio = (await page.locator('.folio').textContent())!.match(/T-\d{4}-\d{4}/)![0];
  const link = await statusLinkFromMail(email);
  return { context, page, folio, link };
}

test('a supervisor triages in the inbox; the requester sees each change and evaluates once after the session', async ({
  browser,
  page,
}) => {
  const email = `triage.${Date.now()}@comunidad.example.mx`;
  const requester = await submitThroughForm(browser, email);

  await loginAs(page, 'supervision@vinculo.test');
  await page
    .getByRole('navigation', { name: 'Menú del equipo' })
    .getByRole('link', { name: 'Solicitudes' })
    .click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Solicitudes de pláticas');
  await page.getByLabel('Estado').selectOption('received');
  await page.getByLabel('Municipio').selectOption({ label: 'Juárez' });
  await page.getByRole('button', { name: 'Filtrar' }).click();
  await expect(page).toHaveURL(/estado=received/);
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: requester.folio }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Solicitud ${requester.folio}`);
  const detailUrl = page.url();
  await expect(page.getByText(email)).toBeVisible();
  await expectNoAxeViolations(page);

  // Declining needs a reason; the error is beside the field.
  await page.getByLabel('Nuevo estado').selectOption('declined');
  await page.getByRole('button', { name: 'Guardar y avisar' }).click();
  await expect(page.locator('#f-reason-error')).toHaveText(
    'Escribe el motivo: se le mostrará a quien hizo la solicitud.',
  );

  await page.getByLabel('Nuevo estado').selectOption('under_review');
  await page.getByRole('button', { name: 'Guardar y avisar' }).click();
  await expect(page.locator('.state')).toContainText('En revisión');
  // Scheduling happens on the agenda: it books the facilitator and mails the school.
  await expect(page.getByLabel('Nuevo estado').locator('option[value="scheduled"]')).toHaveCount(0);
  await page.getByRole('link', { name: 'Programar en la agenda' }).click();
  await page.getByLabel('Jorge Armendáriz Loya').check();
  await page.getByRole('button', { name: 'Programar y avisar a la institución' }).click();
  await expect(page.getByText('Solicitud programada.')).toBeVisible();
  await page.goto(detailUrl);
  await expect(page.locator('.state')).toContainText('Programada');
  await page.getByLabel('Nuevo estado').selectOption('completed');
  await page.getByRole('button', { name: 'Guardar y avisar' }).click();
  await expect(page.getByText('Estado actualizado.')).toBeVisible();
  await expect(page.locator('.state')).toContainText('Realizada');
  await expect(page.locator('.history li')).toHaveCount(4);
  await waitForEmail(email, new RegExp(`Tu solicitud ${requester.folio}: Realizada`));

  const r = requester.page;
  await r.goto(requester.link);
  await expect(r.getByText('Realizada', { exact: true })).toBeVisible();
  await r.getByRole('button', { name: 'Enviar evaluación' }).click();
  await expect(r.locator('#f-satisfaction-error')).toHaveText('Elige una calificación del 1 al 5.');
  await expectNoAxeViolations(r);
  await r.getByLabel('5', { exact: true }).check();
  await r.getByLabel('¿Qué te resultó más útil?').fill('La ruta para pedir ayuda y denunciar.');
  await r.getByRole('button', { name: 'Enviar evaluación' }).click();
  await expect(r.getByText('¡Gracias por tu evaluación!')).toBeVisible();
  await r.goto(requester.link);
  await expect(r.getByRole('button', { name: 'Enviar evaluación' })).toHaveCount(0);
  await expect(r.getByText('Ya recibimos tu evaluación (5 de 5)')).toBeVisible();
  await requester.context.close();

  await page.reload();
  await expect(page.getByText('Satisfacción: 5 de 5')).toBeVisible();
});

test('an admin edits the catalogue and the public pages show it on the very next request', async ({
  page,
  browser,
}) => {
  const visitor = await browser.newPage();
  await visitor.goto('/talleres');
  await visitor.goto('/talleres'); // second visit comes from the page cache
  await expect(visitor.getByRole('link', { name: 'Cómo actuar ante la extorsión telefónica' })).toBeVisible();

  await loginAs(page, 'coordinacion@vinculo.test');
  await page.goto('/app/admin/catalogo');
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Cómo actuar ante la extorsión telefónica' }).click();
  await page.getByLabel('Título', { exact: true }).fill('Extorsión telefónica: cómo actuar y denunciar');
  await page.getByRole('button', { name: 'Guardar cambios' }).click();
  await expect(page.getByText('Cambios guardados')).toBeVisible();

  await visitor.goto('/talleres');
  await expect(
    visitor.getByRole('link', { name: 'Extorsión telefónica: cómo actuar y denunciar' }),
  ).toBeVisible();
  await visitor.goto('/talleres/solicitar');
  await expect(visitor.getByLabel('Extorsión telefónica: cómo actuar y denunciar')).toBeVisible();

  // Hiding it takes it off the catalogue and its page answers 404.
  await page.getByLabel(/^Activo/).uncheck();
  await page.getByRole('button', { name: 'Guardar cambios' }).click();
  await expect(page.getByText('Cambios guardados')).toBeVisible();
  await visitor.goto('/talleres');
  await expect(visitor.getByRole('link', { name: /Extorsión telefónica/ })).toHaveCount(0);
  expect((await visitor.goto('/talleres/extorsion-telefonica'))?.status()).toBe(404);
  expect((await visitor.goto('/en/talleres/extorsion-telefonica'))?.status()).toBe(404);
  await expect(visitor.getByRole('heading', { level: 1 })).toHaveText('We could not find this page');

  // A bad slug is explained beside the field.
  await page.getByLabel('Dirección corta').fill('Con Acentos ñ');
  await page.getByRole('button', { name: 'Guardar cambios' }).click();
  await expect(page.locator('#f-slug-error')).toContainText('Usa solo minúsculas');
  await visitor.close();
});

test('operators and comms cannot open the inbox or the catalogue', async ({ page }) => {
  await loginAs(page, 'comunicacion@vinculo.test');
  await expect(
    page.getByRole('navigation', { name: 'Menú del equipo' }).getByRole('link', { name: 'Solicitudes' }),
  ).toHaveCount(0);
  expect((await page.goto('/app/solicitudes'))?.status()).toBe(403);
  expect((await page.goto('/app/admin/catalogo'))?.status()).toBe(403);
});
