/**
 * Accessibility as a test: every staff screen this slice owns, at a desk and on a phone, passes
 * axe (WCAG 2.2 AA) and fits without horizontal scroll. The FullCalendar views (agenda, content
 * calendar) and /app/linea are scanned by their own specs. Plus the operator's day at 390×844:
 * today page → case entry by keyboard → follow-up.
 */
import { type Page, expect, test } from '@playwright/test';
import { expectNoAxeViolations, loginAs } from './helpers';

const PHONE = { width: 390, height: 844 };
const DESK = { width: 1366, height: 800 };

async function noHorizontalScroll(page: Page, width: number) {
  const scroll = await page.evaluate(() => document.scrollingElement!.scrollWidth);
  expect(scroll, `${page.url()} is ${scroll}px wide`).toBeLessThanOrEqual(width);
}

const SCREENS: { who: string; paths: string[] }[] = [
  {
    who: 'operadora@vinculo.test',
    paths: [
      '/app',
      '/app/casos',
      '/app/casos/nuevo',
      '/app/seguimientos',
      '/app/directorio',
      '/app/perfil/calendario',
    ],
  },
  {
    who: 'coordinacion@vinculo.test',
    paths: [
      '/app',
      '/app/admin/auditoria',
      '/app/admin/conservacion',
      '/app/admin/usuarios',
      '/app/correo',
      '/app/reportes',
    ],
  },
];

for (const size of [DESK, PHONE]) {
  test.describe(`staff screens at ${size.width}px`, () => {
    test.use({ viewport: size });
    for (const { who, paths } of SCREENS)
      test(`${who.split('@')[0]}: axe-clean and no horizontal scroll`, async ({ page }) => {
        await loginAs(page, who);
        await expect(page).toHaveURL(/\/app$/);
        // The first organisation of the directory, and the first report, are screens too.
        const extra: string[] = [];
        if (paths.includes('/app/directorio')) {
          await page.goto('/app/directorio');
          const href = await page.locator('a[href^="/app/directorio/"]').first().getAttribute('href');
          if (href && /\/\d+$/.test(href)) extra.push(href);
        }
        if (paths.includes('/app/reportes')) {
          await page.goto('/app/reportes');
          const href = await page.locator('main a[href^="/app/reportes/"]').first().getAttribute('href');
          if (href) extra.push(href);
        }
        for (const path of [...paths, ...extra]) {
          const res = await page.goto(path);
          expect(res?.status(), path).toBe(200);
          await expect(page.locator('h1')).toBeVisible();
          await noHorizontalScroll(page, size.width);
          await expectNoAxeViolations(page);
        }
      });
  });
}

test.describe('the operator on a phone', () => {
  test.use({ viewport: PHONE });

  test('today page → case entry by keyboard → follow-up', async ({ page }) => {
    // operadora@: auth.spec locks operador@ out for 15 minutes with its lockout test.
    await loginAs(page, 'operadora@vinculo.test');
    await expect(page).toHaveURL(/\/app$/);
    await noHorizontalScroll(page, PHONE.width);
    await expectNoAxeViolations(page);

    // Alt+N opens the entry screen from the today page.
    await page.keyboard.press('Alt+n');
    await expect(page).toHaveURL(/\/app\/casos\/nuevo/);
    await noHorizontalScroll(page, PHONE.width);
    await expectNoAxeViolations(page);
    const start = page.getByRole('button', { name: /Empezar nueva/ });
    if (await start.isVisible()) await start.click();

    // Channel → duration → "otra hora" is one Tab stop, collapsed: digits for Duración stay there.
    await page.getByLabel('Canal', { exact: true }).focus();
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Duración (minutos)')).toBeFocused();
    await page.keyboard.type('152');
    await page.keyboard.press('Tab');
    await expect(page.locator('summary', { hasText: 'Otra hora' })).toBeFocused();
    await expect(page.getByLabel(/Hora de inicio/)).toBeHidden();
    // Opened, a future time is flagged as it is typed, and 24-hour times are said back.
    await page.keyboard.press('Enter');
    const time = page.getByLabel(/Hora de inicio/);
    await time.fill('23:59');
    await time.press('Tab');
    await expect(page.locator('#e-startedAt')).toContainText(/todavía no llega|más de 24 horas/);
    await time.fill('');
    await expect(page.locator('#e-startedAt')).toBeHidden();

    // The rest by keyboard: who calls, anonymous, a category picked with Enter, summary.
    await page.getByRole('radio', { name: 'Víctima' }).check();
    await page.getByLabel('Prefiere no dar su nombre (anónima)').check();
    await page.getByLabel('Buscar categoría').fill('robo');
    await page.getByLabel('Buscar categoría').press('Enter');
    await page.getByLabel('Resumen').fill('Llamada de prueba: orientación para denunciar un robo.');
    await page.getByLabel('Resumen').press('Control+Enter');
    await expect(page).toHaveURL(/\/app\/casos\/LC-\d{4}-\d{5}/);
    await noHorizontalScroll(page, PHONE.width);

    // The follow-up list shows the person's name and a phone to tap.
    await page.goto('/app/seguimientos');
    await noHorizontalScroll(page, PHONE.width);
    await expectNoAxeViolations(page);
    const tel = page.locator('a.tel').first();
    if ((await tel.count()) > 0) await expect(tel).toHaveAttribute('href', /^tel:\+?\d+/);
  });
});
