import { type Page, expect, test } from '@playwright/test';
import { expectNoAxeViolations, loginAs } from './helpers';

const PHONE = { width: 390, height: 844 };
const DESK = { width: 1366, height: 800 };

async function noHorizontalScroll(page: Page) {
  const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
  expect(width, `${page.url()} is ${width}px wide`).toBeLessThanOrEqual(390);
}

/** Every link inside a panel points somewhere that answers (not a 404 or an error). */
async function expectPanelLinksWork(page: Page, panel: string, hrefPattern: RegExp) {
  const links = page.locator(`[data-panel="${panel}"] a`);
  await expect(links.first()).toBeVisible();
  const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  const first = hrefs.find((h) => hrefPattern.test(h));
  expect(first, `${panel}: ${hrefs.join(', ')}`).toBeTruthy();
  const res = await page.request.get(first!);
  expect(res.status(), first).toBe(200);
}

for (const size of [DESK, PHONE]) {
  test.describe(`today page at ${size.width}px`, () => {
    test.use({ viewport: size });

    test('operator: register button, activities, follow-ups, oficios, drafts', async ({ page }) => {
      await loginAs(page, 'operadora@vinculo.test');
      await expect(page).toHaveURL(/\/app$/);
      const register = page.getByRole('link', { name: /Registrar atención/ }).first();
      await expect(register).toHaveAttribute('aria-keyshortcuts', 'Alt+N');
      for (const name of [
        'Tus actividades',
        'Seguimientos para hoy o vencidos',
        'Oficios por vencer',
        'Borradores sin guardar',
      ])
        await expect(page.getByRole('heading', { name, level: 2 })).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Solicitudes por revisar' })).toHaveCount(0);
      await expectPanelLinksWork(page, 'activities', /^\/app\/agenda/);
      await expectPanelLinksWork(page, 'followUps', /^\/app\/(casos|seguimientos)/);
      const calls = page.locator('[data-panel="followUps"] a[href^="tel:"]');
      if ((await calls.count()) > 0) await expect(calls.first()).toHaveText(/^Llamar al /);
      await expectNoAxeViolations(page);
      if (size === PHONE) await noHorizontalScroll(page);
    });

    test('supervisor: triage, coverage, overdue by person, bitácoras to sign', async ({ page }) => {
      await loginAs(page, 'supervision@vinculo.test');
      for (const name of [
        'Solicitudes por revisar',
        'Cobertura de la línea hoy',
        'Seguimientos vencidos por persona',
        'Bitácoras por firmar',
      ])
        await expect(page.getByRole('heading', { name, level: 2 })).toBeVisible();
      await expect(page.getByRole('heading', { name: 'Correos que no salieron' })).toHaveCount(0);
      await expect(page.locator('[data-panel="triage"] li').first()).toContainText(/esperando|llegó hoy/);
      // The status in words (a screenshot once showed "[object Object]" here).
      await expect(page.locator('[data-panel="triage"] li').first()).toContainText(/Recibida|En revisión/);
      await expect(page.getByText('[object Object]')).toHaveCount(0);
      await expectPanelLinksWork(page, 'triage', /^\/app\/solicitudes\/\d+$/);
      await expect(page.locator('[data-panel="coverage"] li').first()).toContainText(/mínimo \d+/);
      await expectPanelLinksWork(page, 'coverage', /^\/app\/agenda\?fecha=/);
      await expectNoAxeViolations(page);
      if (size === PHONE) await noHorizontalScroll(page);
    });

    test('comms: posts for today and tomorrow, awaiting approval, events with seats', async ({ page }) => {
      await loginAs(page, 'comunicacion@vinculo.test');
      for (const name of ['Publicaciones de hoy y mañana', 'Esperan aprobación', 'Próximos eventos'])
        await expect(page.getByRole('heading', { name, level: 2 })).toBeVisible();
      await expect(page.getByRole('link', { name: /Registrar atención/ })).toHaveCount(0);
      await expect(page.locator('[data-panel="events"] li').first()).toContainText(
        /\d+ de \d+ lugares ocupados/,
      );
      await expectPanelLinksWork(page, 'events', /^\/app\/eventos\/\d+$/);
      await expectPanelLinksWork(page, 'posts', /^\/app\/contenido/);
      await expectNoAxeViolations(page);
      if (size === PHONE) await noHorizontalScroll(page);
    });

    test("admin: the supervisor's panels and the failed outbox", async ({ page }) => {
      await loginAs(page, 'coordinacion@vinculo.test');
      for (const name of ['Solicitudes por revisar', 'Cobertura de la línea hoy', 'Correos que no salieron'])
        await expect(page.getByRole('heading', { name, level: 2 })).toBeVisible();
      await expectPanelLinksWork(page, 'outbox', /^\/app\/correo/);
      await expectNoAxeViolations(page);
      if (size === PHONE) await noHorizontalScroll(page);
    });
  });
}

test('Alt+N opens case entry from any staff screen', async ({ page }) => {
  await loginAs(page, 'operadora@vinculo.test');
  await page.goto('/app/directorio');
  await page.keyboard.press('Alt+KeyN');
  await expect(page).toHaveURL(/\/app\/casos\/nuevo$/);
});

test.describe('on a phone', () => {
  test.use({ viewport: PHONE });

  test('the staff navigation is one menu button with grouped entries, and works without JavaScript', async ({
    browser,
  }) => {
    const context = await browser.newContext({ viewport: PHONE, javaScriptEnabled: false });
    const page = await context.newPage();
    await loginAs(page, 'coordinacion@vinculo.test');
    await expect(page).toHaveURL(/\/app$/);
    const nav = page.getByRole('navigation', { name: 'Menú del equipo' });
    await expect(nav).toHaveCount(1);
    const menu = nav.locator('summary', { hasText: 'Menú' });
    await expect(menu).toBeVisible();
    const header = await page.locator('header').boundingBox();
    // Was 508 px with the links on rows. The bar now also holds the floor widget (state and
    // "Pedir apoyo"), which takes about two rows of its own on a phone.
    expect(header!.height).toBeLessThan(260);
    await expect(nav.getByRole('link', { name: 'Agenda', exact: true })).toBeHidden();
    await menu.click();
    for (const group of ['Atención', 'Agenda', 'Eventos', 'Contenido', 'Reportes', 'Administración'])
      await expect(nav.getByRole('heading', { name: group })).toBeVisible();
    await nav.getByRole('link', { name: 'Agenda', exact: true }).click();
    await expect(page).toHaveURL(/\/app\/agenda$/);
    await context.close();
  });

  test('an operator sees no admin group in the menu', async ({ page }) => {
    await loginAs(page, 'operadora@vinculo.test');
    const nav = page.getByRole('navigation', { name: 'Menú del equipo' });
    await nav.locator('summary').click();
    await expect(nav.getByRole('heading', { name: 'Atención' })).toBeVisible();
    await expect(nav.getByRole('heading', { name: 'Administración' })).toHaveCount(0);
  });

  const PAGES: [string, string[]][] = [
    [
      'supervision@vinculo.test',
      [
        '/app/agenda',
        '/app/agenda/lista',
        '/app/casos',
        '/app/casos/nuevo',
        '/app/seguimientos',
        '/app/solicitudes',
        '/app/bitacora',
        '/app/directorio',
      ],
    ],
    [
      'comunicacion@vinculo.test',
      [
        '/app/contenido',
        '/app/contenido/tablero',
        '/app/contenido/campanas',
        '/app/eventos',
        '/app/reportes',
      ],
    ],
    [
      'coordinacion@vinculo.test',
      ['/app/admin/usuarios', '/app/correo', '/app/admin/auditoria', '/app/eventos/nuevo'],
    ],
  ];
  for (const [email, paths] of PAGES)
    test(`staff screens fit 390 px without horizontal scroll (${email.split('@')[0]})`, async ({ page }) => {
      await loginAs(page, email);
      await expect(page).toHaveURL(/\/app$/);
      const wide: string[] = [];
      for (const path of paths) {
        await page.goto(path);
        await page.waitForLoadState('networkidle');
        const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
        if (width > 390) wide.push(`${path}: ${width}px`);
        const small = await page.evaluate(
          () =>
            [...document.querySelectorAll('header a, header button, header summary')]
              .map((el) => el.getBoundingClientRect())
              .filter((r) => r.width > 0 && (r.width < 24 || r.height < 24)).length,
        );
        if (small > 0) wide.push(`${path}: ${small} header targets under 24px`);
      }
      expect(wide).toEqual([]);
    });
});

test.describe('the agenda on a phone', () => {
  test.use({ viewport: PHONE });

  test('an operator opens on a list of their own activities; "todas las personas" is one tap away', async ({
    page,
  }) => {
    await loginAs(page, 'operadora@vinculo.test');
    await expect(page).toHaveURL(/\/app$/);
    const mine = page.waitForResponse((r) => /\/app\/agenda\/feed\.json\?.*operador=\d+/.test(r.url()));
    await page.goto('/app/agenda');
    await mine;
    await expect(page.getByRole('tab', { name: 'Agenda', exact: true })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await expect(page.getByLabel('Persona')).toHaveValue(/^\d+$/);
    const all = page.waitForResponse(
      (r) => r.url().includes('/app/agenda/feed.json?') && !r.url().includes('operador='),
    );
    await page.getByRole('button', { name: 'Todas las personas' }).click();
    await all;
    await expect(page.getByLabel('Persona')).toHaveValue('');
    await expect(page.getByRole('button', { name: 'Solo mis actividades' })).toBeVisible();
    await noHorizontalScroll(page);
  });

  test('a supervisor still opens on everyone', async ({ page }) => {
    await loginAs(page, 'supervision@vinculo.test');
    await expect(page).toHaveURL(/\/app$/);
    await page.goto('/app/agenda');
    await expect(page.getByLabel('Persona')).toHaveValue('');
  });
});
