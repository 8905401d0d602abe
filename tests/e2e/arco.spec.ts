import { type Page, expect, test } from '@playwright/test';
import { expectNoAxeViolations, loginAs } from './helpers';

/** The e-mail of a demo workshop request (src/demo/requests.ts): the access report must find it. */
const PERSON_EMAIL = 'orientacion.est3@escuelas.example.mx';

async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

test.use({ viewport: { width: 390, height: 844 } });

test('an access request goes from the public form to a released report, with a business-day deadline across a holiday', async ({
  page,
}) => {
  // The privacy notice links to the form.
  await page.goto('/aviso-de-privacidad');
  await page.getByRole('link', { name: /formulario de derechos ARCO/ }).click();
  await expect(page).toHaveURL(/\/derechos-arco$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Tus derechos sobre tus datos personales/);
  await expectNoAxeViolations(page);
  await expectNoHorizontalScroll(page);

  // Sent empty: messages beside the fields, nothing lost.
  await page.getByLabel('Nombre de la persona dueña de los datos').fill('Martha Alicia Ontiveros Peña');
  await page.waitForTimeout(3100);
  await page.getByRole('button', { name: 'Enviar solicitud' }).click();
  await expect(page.getByRole('alert')).toContainText('Revisa los');
  await expect(page.getByText('Elige qué derecho quieres ejercer.').first()).toBeVisible();
  await expect(page.getByLabel('Nombre de la persona dueña de los datos')).toHaveValue(
    'Martha Alicia Ontiveros Peña',
  );

  await page.getByLabel(/^Acceso/).check();
  await page.getByLabel('Yo, sobre mis propios datos').check();
  await page.getByLabel('Correo electrónico').fill(PERSON_EMAIL);
  await page.getByLabel(/Una solicitud de plática o taller/).check();
  await page.getByLabel('Folio, evento o fecha aproximada').fill('La plática de la secundaria');
  await page
    .getByLabel('Cuéntanos qué necesitas')
    .fill('Quiero saber qué datos de mi escuela y míos tienen.');
  await page.getByLabel('Muestro mi identificación oficial en la oficina').check();
  await page.getByLabel(/Leí el aviso de privacidad/).check();
  await page.waitForTimeout(3100);
  await page.getByRole('button', { name: 'Enviar solicitud' }).click();

  await expect(page.getByRole('heading', { name: 'Recibimos tu solicitud' })).toBeVisible();
  const folio = ((await page.locator('[data-folio]').textContent()) ?? '').match(/ARCO-\d{4}-\d{4}/)![0];
  const statusHref = await page.locator('[data-status-link]').getAttribute('href');
  const statusPath = new URL(statusHref!).pathname;
  await page.goto(statusPath);
  await expect(page.locator('[data-status]')).toHaveText('Recibida');

  // Staff: the queue and the request.
  await loginAs(page, 'coordinacion@vinculo.test');
  await page.goto('/app/privacidad');
  await expect(page.getByRole('heading', { name: 'Derechos ARCO', level: 1 })).toBeVisible();
  await expectNoAxeViolations(page);
  await expectNoHorizontalScroll(page);
  await page.getByRole('link', { name: folio }).click();
  await expect(page.getByRole('heading', { name: `Solicitud ${folio}` })).toBeVisible();

  // It came on paper on Friday 13 November 2026: the clock skips the weekend and Monday 16
  // November (third Monday, art. 74 LFT), so 20 business days end on 14 December.
  await page.getByText(/Llegó en papel o por correo/).click();
  await page.getByLabel('Fecha de recepción').fill('2026-11-13');
  await page.getByLabel('Cómo llegó').fill('Escrito entregado en la oficina de Chihuahua');
  await page.getByRole('button', { name: 'Guardar fecha' }).click();
  await expect(page.getByRole('status')).toContainText('Fecha de recepción guardada');
  await expect(page.locator('[data-answer-by]')).toHaveText('lunes 14 de diciembre de 2026');
  await expect(page.locator('[data-effective-by]')).toHaveText('miércoles 6 de enero de 2027');
  await expect(page.locator('[data-rest-days]')).toContainText('lunes 16 de noviembre de 2026');
  await expect(page.locator('[data-rest-days]')).toContainText('viernes 25 de diciembre de 2026');
  await expect(page.locator('[data-deadline]')).toContainText('Ley Federal del Trabajo, artículo 74');
  await expectNoHorizontalScroll(page);

  // Identity, then the search and the report.
  await page.getByLabel('Nuevo estado').selectOption({ label: 'Identidad verificada' });
  await page.getByRole('button', { name: 'Guardar estado' }).click();
  await expect(page.locator('[data-status]')).toHaveText('Identidad verificada');
  await page.getByRole('button', { name: 'Buscar y generar el informe' }).click();
  await expect(page.getByRole('status')).toContainText('Informe generado');
  const report = page.locator('[data-report]');
  await expect(report).toContainText(PERSON_EMAIL);
  await expect(report).toContainText('Solicitud de plática');
  await expect(page.locator('[data-status]')).toHaveText('En trámite');

  // It cannot be released before review; then reviewed, released, and audited.
  await page.getByRole('button', { name: 'Entregar el informe a la persona' }).click();
  await expect(page.getByRole('alert')).toContainText('revise el informe');
  await page.getByRole('button', { name: 'Marcar como revisado' }).click();
  await expect(page.getByRole('status')).toContainText('Informe revisado');
  await page.getByRole('button', { name: 'Entregar el informe a la persona' }).click();
  await expect(page.getByRole('status')).toContainText('Informe entregado');
  await expect(page.locator('[data-status]')).toHaveText('Respondida');
  await expect(page.locator('[data-trail]')).toContainText('arco.report.release');
  await expectNoAxeViolations(page);

  // The printable answer.
  await page.getByRole('link', { name: 'Carta de respuesta (imprimible)' }).click();
  await expect(page.getByRole('article', { name: 'Vista de la carta' })).toContainText(folio);
  await expect(page.getByRole('article', { name: 'Vista de la carta' })).toContainText('Anexo');

  // The person sees the released report through the private link.
  await page.context().clearCookies();
  await page.goto(statusPath);
  await expect(page.locator('[data-status]')).toHaveText('Respondida');
  await expect(page.getByRole('heading', { name: 'Tus datos que tenemos' })).toBeVisible();
  await expect(page.getByText(PERSON_EMAIL).first()).toBeVisible();
  await expectNoHorizontalScroll(page);
});

test('the English twin and the footer link', async ({ page }) => {
  await page.goto('/en/');
  await page.getByRole('link', { name: 'Your rights over your data (ARCO)' }).click();
  await expect(page).toHaveURL(/\/en\/derechos-arco$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Your rights over your personal data/);
  await expect(page.getByRole('button', { name: 'Send request' })).toBeVisible();
  await expectNoAxeViolations(page);
  await expectNoHorizontalScroll(page);
});
