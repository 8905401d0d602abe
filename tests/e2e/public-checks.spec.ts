import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type APIRequestContext, type Page, expect, test } from '@playwright/test';
import {
  ERROR_PAGES,
  ahead,
  eventSlugs,
  registrationFields,
  registrationNotice,
  requestFields,
  sitemapPaths,
} from '../../scripts/public-pages.mjs';
import { expectNoAxeViolations, loginAs, waitForEmail } from './helpers';

// Every public page, Spanish and English (scripts/public-pages.mjs: the list Lighthouse uses too),
// through the Nu Html Checker (vnu-jar, run with the machine's Java) with 0 errors; the request form's new shape; lost-link recovery end to end;
// axe and no horizontal scroll at 390 px on the pages this work changed.

const VNU = path.resolve('node_modules/vnu-jar/build/dist/vnu.jar');
const PHONE = { width: 390, height: 844 };

/** A workshop request posted as a browser without JavaScript would; returns its status link. */
async function postRequest(request: APIRequestContext, baseURL: string, email: string, locale = 'es') {
  const prefix = locale === 'en' ? '/en' : '';
  const form = await (await request.get(`${prefix}/talleres/solicitar`)).text();
  const res = await request.post(`${prefix}/talleres/solicitar?_action=requests.submit`, {
    headers: { origin: baseURL },
    form: requestFields(form, locale, email),
  });
  expect(res.status(), await res.text()).toBe(200);
  const mail = await waitForEmail(email, /Recibimos tu solicitud T-\d{4}-\d{4}/);
  return {
    link: new URL(/https?:\/\/\S+\/solicitud\/[a-z2-7]+/.exec(mail.body.text)![0]).pathname,
    folio: /T-\d{4}-\d{4}/.exec(mail.body.subject)![0],
  };
}

/** A sign-up to the first open demo event, without JavaScript; returns the event and the manage link. */
async function postRegistration(request: APIRequestContext, baseURL: string, email: string) {
  const list = await (await request.get('/eventos')).text();
  for (const slug of eventSlugs(list)) {
    const page = await (await request.get(`/eventos/${slug}`)).text();
    const notice = registrationNotice(page);
    if (!notice) continue;
    await request.post(`/eventos/${slug}?_action=events.register`, {
      headers: { origin: baseURL },
      form: registrationFields(slug, notice, 'es', email),
    });
    const mail = await waitForEmail(email, /./);
    return {
      slug,
      link: new URL(/https?:\/\/\S+\/registro\/[a-z2-7]+/.exec(mail.body.text)![0]).pathname,
    };
  }
  throw new Error('no demo event is open for registration');
}

function vnu(files: string[]): Promise<{ url: string; message: string; extract?: string }[]> {
  return new Promise((resolve, reject) => {
    execFile(
      'java',
      ['-Xss4m', '-jar', VNU, '--errors-only', '--format', 'json', ...files],
      { maxBuffer: 32 * 1024 * 1024, timeout: 240_000 },
      (error, _stdout, stderr) => {
        try {
          resolve(JSON.parse(stderr).messages);
        } catch {
          reject(error ?? new Error(stderr));
        }
      },
    );
  });
}

test('every public page, es and en, passes the Nu Html Checker with 0 errors', async ({
  request,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const paths = sitemapPaths(await (await request.get('/sitemap.xml')).text());
  expect(paths.length).toBeGreaterThan(10);
  const status = await postRequest(request, baseURL!, `vnu.${Date.now()}@escuela.example.mx`);
  const english = await postRequest(request, baseURL!, `vnu.en.${Date.now()}@school.example`, 'en');
  const registration = await postRegistration(request, baseURL!, `vnu.${Date.now()}@correo.test`);
  paths.push(
    ...ERROR_PAGES.map(([p]) => p),
    status.link,
    english.link.replace('/solicitud/', '/en/solicitud/'),
    registration.link,
    `${registration.link}?confirmar=1`,
  );
  const dir = mkdtempSync(path.join(tmpdir(), 'vinculo-vnu-'));
  try {
    const files: string[] = [];
    const names = new Map<string, string>();
    for (const [i, p] of paths.entries()) {
      const res = await request.get(p);
      const file = path.join(dir, `page-${i}.html`);
      writeFileSync(file, await res.body());
      files.push(file);
      names.set(`file:${file}`, p);
    }
    // The form's answers with errors (what a no-JS visitor sees after a bad post) too.
    for (const prefix of ['', '/en']) {
      const res = await request.post(`${prefix}/talleres/solicitar?_action=requests.submit`, {
        headers: { origin: baseURL! },
        form: { locale: prefix ? 'en' : 'es', startedAt: String(Date.now() - 10_000), website: '' },
      });
      const file = path.join(dir, `form-errors${prefix ? '-en' : ''}.html`);
      writeFileSync(file, await res.body());
      files.push(file);
      names.set(`file:${file}`, `${prefix}/talleres/solicitar (with errors)`);
    }
    const messages = await vnu(files);
    expect(messages.map((m) => `${names.get(m.url) ?? m.url}: ${m.message} «${m.extract ?? ''}»`)).toEqual(
      [],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('staff pages (today, agenda, case entry, content, privacy queue) pass the Nu Html Checker too', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await loginAs(page, 'coordinacion@vinculo.test');
  await expect(page).toHaveURL(/\/app/);
  const paths = ['/app', '/app/agenda', '/app/casos/nuevo', '/app/contenido', '/app/privacidad'];
  const dir = mkdtempSync(path.join(tmpdir(), 'vinculo-vnu-staff-'));
  try {
    const names = new Map<string, string>();
    const files: string[] = [];
    for (const [i, p] of paths.entries()) {
      const res = await page.request.get(p);
      expect(res.status(), p).toBe(200);
      const file = path.join(dir, `staff-${i}.html`);
      writeFileSync(file, await res.body());
      files.push(file);
      names.set(`file:${file}`, p);
    }
    const messages = await vnu(files);
    expect(messages.map((m) => `${names.get(m.url) ?? m.url}: ${m.message} «${m.extract ?? ''}»`)).toEqual(
      [],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

async function expectNoHorizontalScroll(page: Page) {
  const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
  expect(width, `${page.url()} is ${width}px wide`).toBeLessThanOrEqual(PHONE.width);
}

test('the request form: options 2 and 3 behind "Agregar otra opción", one audience field, Chihuahua and Juárez first', async ({
  browser,
}) => {
  for (const javaScriptEnabled of [true, false]) {
    const context = await browser.newContext({ javaScriptEnabled, viewport: PHONE, locale: 'es-MX' });
    const page = await context.newPage();
    await page.goto('/talleres/solicitar');
    await expect(page.getByLabel(/¿Quiénes asistirán\?/)).toBeVisible();
    await expect(page.getByLabel(/Edades o grados/)).toHaveCount(0);
    const places = await page.getByLabel('Municipio').locator('option').allTextContents();
    expect(places.slice(1, 3)).toEqual(['Chihuahua', 'Juárez']);
    const rest = places.slice(3);
    expect(rest).toEqual([...rest].sort(new Intl.Collator('es-MX', { sensitivity: 'base' }).compare));
    expect(rest).toContain('Ahumada');
    // Only the first option is open; the second waits behind its summary, the third behind the second's.
    await expect(page.locator('#f-w1Date')).toBeVisible();
    await expect(page.locator('#f-w2Date')).toBeHidden();
    await page.getByText('Agregar otra opción').first().click();
    await expect(page.locator('#f-w2Date')).toBeVisible();
    await expect(page.locator('#f-w3Date')).toBeHidden();
    await page.getByText('Agregar otra opción').nth(1).click();
    await expect(page.locator('#f-w3Date')).toBeVisible();
    await expectNoHorizontalScroll(page);
    if (javaScriptEnabled) await expectNoAxeViolations(page);
    await context.close();
  }
});

test('a second option with a mistake comes back open with its message beside it, without JavaScript', async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto('/talleres/solicitar');
  await page.getByText('Agregar otra opción').first().click();
  await page.locator('#f-w2Date').fill(ahead(20));
  await page.locator('#f-w2From').fill('12:00');
  await page.locator('#f-w2To').fill('10:00');
  await page.waitForTimeout(3_300);
  await page.getByRole('button', { name: 'Enviar solicitud' }).click();
  await expect(page.locator('#f-w2To-error')).toHaveText(
    'La hora de término debe ser después de la de inicio.',
  );
  await expect(page.locator('#f-w2To')).toBeVisible();
  await expect(page.locator('#f-w2From')).toHaveValue('12:00');
  await context.close();
});

test('a lost status link: folio and e-mail mail a fresh link, the old one stops working, the answer never tells', async ({
  page,
  request,
  baseURL,
}) => {
  await page.setViewportSize(PHONE);
  const email = `perdida.${Date.now()}@escuela.example.mx`;
  const { link, folio } = await postRequest(request, baseURL!, email);
  await page.goto('/talleres/solicitar');
  await page.getByRole('link', { name: '¿Perdiste tu enlace?' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('¿Perdiste tu enlace?');
  await expectNoAxeViolations(page);
  await expectNoHorizontalScroll(page);

  // A wrong pair: the same answer as a right one.
  await page.getByLabel('Folio').fill(folio);
  await page.getByLabel('Correo electrónico').fill(`otra.${Date.now()}@correo.test`);
  await page.getByRole('button', { name: 'Enviarme un enlace nuevo' }).click();
  const answer = await page.locator('#resultado').textContent();
  await expect(page.locator('#resultado')).toBeFocused();
  await page.goto(link);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Solicitud ${folio}`);

  await page.goto('/solicitud/recuperar');
  await page.getByLabel('Folio').fill(folio.toLowerCase());
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByRole('button', { name: 'Enviarme un enlace nuevo' }).click();
  await expect(page.locator('#resultado')).toHaveText(answer!);
  const mail = await waitForEmail(email, new RegExp(`Tu nuevo enlace de la solicitud ${folio}`));
  const fresh = new URL(/https?:\/\/\S+\/solicitud\/[a-z2-7]+/.exec(mail.body.text)![0]).pathname;
  await page.goto(fresh);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Solicitud ${folio}`);
  expect((await page.goto(link))!.status()).toBe(404);

  // In English, everything in English.
  await page.goto('/en/solicitud/recuperar');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lost your link?');
  await page.getByRole('button', { name: 'Send me a new link' }).click();
  await expect(page.locator('#f-folio-error')).toHaveText(
    'Enter the reference number as it appears in your e-mail, for example T-2026-0042.',
  );
  await expectNoAxeViolations(page);
});

test('a lost registration link: the event and the e-mail mail a new one; cancelling asks first', async ({
  page,
  request,
  baseURL,
}) => {
  await page.setViewportSize(PHONE);
  const email = `registro.perdido.${Date.now()}@correo.test`;
  const { slug, link } = await postRegistration(request, baseURL!, email);
  await page.goto(`/eventos/${slug}`);
  await page.getByRole('link', { name: '¿Perdiste tu enlace?' }).click();
  await expect(page.getByLabel('Evento')).toHaveValue(slug);
  await expectNoAxeViolations(page);
  await expectNoHorizontalScroll(page);
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByRole('button', { name: 'Enviarme un enlace nuevo' }).click();
  await expect(page.locator('#resultado')).toContainText('Si hay un registro a ese evento con ese correo');
  const mail = await waitForEmail(email, /Tu nuevo enlace de registro/);
  const fresh = new URL(/https?:\/\/\S+\/registro\/[a-z2-7]+/.exec(mail.body.text)![0]).pathname;
  await page.goto(link);
  await expect(page.getByText('Este enlace no es válido o ya no está vigente.')).toBeVisible();

  await page.goto(fresh);
  await page.getByRole('link', { name: 'Cancelar mi registro' }).click();
  await expect(page.locator('#confirmar')).toBeFocused();
  await expectNoAxeViolations(page);
  await expectNoHorizontalScroll(page);
  await page.getByRole('button', { name: 'Sí, cancelar mi registro' }).click();
  await expect(page.getByRole('status')).toContainText('Tu registro quedó cancelado');
});
