import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { PDFDocument } from 'pdf-lib';
import { pdfPagesText } from '../helpers/pdf-text';
import { expectNoAxeViolations, loginAs, waitForEmail } from './helpers';

const EVENT = 'Feria de prevención y cultura de la denuncia';

test('a constancia downloads after check-in, parses, names the attendee, and its code verifies', async ({
  page,
  browser,
}) => {
  // Sign-up, mail, check-in, two downloads and five pages: more steps than most tests.
  test.slow();
  const stamp = Date.now().toString(36);
  const name = `Ximena Ñáñez Ortiz ${stamp}`;
  const email = `constancia-${stamp}@correo.test`;

  // Sign up as the public does.
  const visitor = await browser.newContext({ locale: 'es-MX', timezoneId: 'America/Chihuahua' });
  const pub = await visitor.newPage();
  await pub.goto('/eventos');
  await pub.getByRole('link', { name: EVENT }).click();
  await pub.getByLabel('Nombre completo').fill(name);
  await pub.getByLabel('Correo electrónico').fill(email);
  await pub.getByLabel('Municipio').selectOption('08019');
  await pub.getByLabel('¿Cómo te enteraste del evento?').selectOption('redes_sociales');
  await pub.getByLabel(/Leí y acepto el aviso de privacidad/).check();
  await pub.getByRole('button', { name: 'Registrarme' }).click();
  await expect(pub.getByRole('status')).toContainText('Tu lugar está confirmado');
  const mail = await waitForEmail(email, /Tu lugar está confirmado/);
  const manage = new URL(/https?:\/\/[^\s]+\/registro\/[a-z2-7]+/.exec(mail.body.text)![0]).pathname;

  // Before check-in, the manage page offers no constancia and the file is not there.
  await pub.goto(manage);
  await expect(pub.getByRole('link', { name: 'Descargar constancia (PDF)' })).toHaveCount(0);
  expect((await pub.request.get(`${manage}/constancia.pdf`)).status()).toBe(404);

  // Staff check the person in on the attendance list.
  await loginAs(page, 'comunicacion@vinculo.test');
  await page.goto('/app/eventos');
  await page.getByRole('link', { name: EVENT, exact: true }).click();
  const eventPage = page.url();
  // Nobody checked in yet in this fresh database: no constancias to offer.
  await expect(page.getByRole('link', { name: 'Constancias (PDF)' })).toHaveCount(0);
  await page.getByRole('link', { name: 'Lista de asistencia' }).click();
  await page.getByLabel('Buscar por nombre o institución').fill(stamp);
  await page.getByRole('button', { name: new RegExp(name) }).click();
  await expect(page.getByText('Todo guardado')).toBeVisible();

  // Now the manage page has the download, and the file is a real PDF with the name on it.
  await pub.goto(manage);
  const downloading = pub.waitForEvent('download');
  await pub.getByRole('link', { name: 'Descargar constancia (PDF)' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('constancia.pdf');
  const bytes = await readFile((await download.path())!);
  const pdf = await PDFDocument.load(bytes);
  expect(pdf.getPageCount()).toBe(1);
  const [text] = await pdfPagesText(bytes);
  expect(text).toContain(name);
  expect(text).toContain(`«${EVENT}»`);
  expect(text).toContain('Se hace constar que');
  const url = /https?:\/\/\S+\/constancia\/([a-z2-7]{24})/.exec(text!)!;
  const code = url[1]!;

  // Its code verifies: name, activity and date only.
  const check = await pub.goto(`/constancia/${code}`);
  expect(check?.status()).toBe(200);
  await expect(pub.getByRole('heading', { level: 1 })).toHaveText('Constancia válida');
  await expect(pub.getByText(name)).toBeVisible();
  await expect(pub.getByText(EVENT)).toBeVisible();
  await expect(pub.getByText(email)).toHaveCount(0);
  await expectNoAxeViolations(pub);
  // Typed from the paper, in capitals with dashes, it still verifies.
  const typed = code.toUpperCase().replace(/(.{4})(?!$)/g, '$1-');
  await pub.goto(`/constancia/${typed}`);
  await expect(pub.getByRole('heading', { level: 1 })).toHaveText('Constancia válida');
  // The English twin.
  await pub.goto(`/en/constancia/${code}`);
  await expect(pub.getByRole('heading', { level: 1 })).toHaveText('Valid certificate');
  await expect(pub.getByText(name)).toBeVisible();

  // An unknown code: "no encontrada", a 404, the same page shape.
  const unknown = await pub.goto(`/constancia/${'a'.repeat(24)}`);
  expect(unknown?.status()).toBe(404);
  await expect(pub.getByRole('heading', { level: 1 })).toHaveText('Constancia no encontrada');
  await expect(pub.getByRole('alert')).toContainText('No encontramos una constancia con ese código');
  await expectNoAxeViolations(pub);
  const headers = (await pub.request.get(`/constancia/${code}`)).headers();
  expect(headers['cache-control']).toBe('no-store');
  await visitor.close();

  // Staff download every constancia of the event as one PDF, a page each, with this one in it.
  await page.goto(eventPage);
  const all = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Constancias (PDF)' }).click();
  const allBytes = await readFile((await (await all).path())!);
  const pages = await pdfPagesText(allBytes);
  expect(pages.length).toBeGreaterThanOrEqual(1);
  const mine = pages.filter((p) => p.includes(name));
  expect(mine).toHaveLength(1);
  expect(mine[0]).toContain(code.toUpperCase().slice(0, 4));
});

test('the check page at 390 px has no horizontal scroll', async ({ browser }) => {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'es-MX' });
  const page = await phone.newPage();
  await page.goto(`/constancia/${'b'.repeat(24)}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Constancia no encontrada');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await phone.close();
});

test('the facilitator of a workshop given gets a constancia from the agenda; others do not', async ({
  page,
  browser,
}) => {
  const day = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/Chihuahua',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(Date.now() - 2 * 86_400_000));
  await loginAs(page, 'supervision@vinculo.test');
  await page.goto(`/app/agenda/lista?semana=${day}&estado=all`);
  await page.getByRole('link', { name: 'Cultura de la denuncia' }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cultura de la denuncia');
  const link = page.getByRole('link', { name: 'Constancia de Ricardo Villalobos Prieto (PDF)' });
  const href = (await link.getAttribute('href'))!;
  const downloading = page.waitForEvent('download');
  await link.click();
  const [text] = await pdfPagesText(await readFile((await (await downloading).path())!));
  expect(text).toContain('Ricardo Villalobos Prieto');
  expect(text).toContain('impartió el taller');
  expect(text).toContain('a un grupo de 34 personas de Centro Comunitario Francisco I. Madero,');
  expect(text).toContain('(hora de Ciudad Juárez)');
  await expectNoAxeViolations(page);

  // Another operator, not on the activity: not theirs to download, nor someone else's.
  const other = await browser.newContext();
  const op = await other.newPage();
  await loginAs(op, 'operadora@vinculo.test');
  await expect(op).toHaveURL(/\/app/);
  expect((await op.request.get(href)).status()).toBe(403);
  expect((await op.request.get(href.replace(/\?.*$/, ''))).status()).toBe(404);
  await other.close();
});
