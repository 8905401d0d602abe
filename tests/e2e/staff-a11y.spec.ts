/**
 * Accessibility as a test, the rest of the staff screens (issue 14): the case record, an oficio
 * (on screen and as printed), the bitácora, the catalogue and categories, the settings, a user's
 * page and the privacy queue as the admin; the supervisor's and comms' today pages and main
 * screens. Each at a desk and on a phone: 0 axe violations (WCAG 2.2 AA), no horizontal scroll.
 * staff-screens.spec.ts and calendar-a11y.spec.ts cover the others.
 */
import { type Page, expect, test } from '@playwright/test';
import { expectNoAxeViolations, loginAs } from './helpers';

const PHONE = { width: 390, height: 844 };
const DESK = { width: 1366, height: 800 };

async function noHorizontalScroll(page: Page, width: number) {
  const scroll = await page.evaluate(() => document.scrollingElement!.scrollWidth);
  expect(scroll, `${page.url()} is ${scroll}px wide`).toBeLessThanOrEqual(width);
}

/** The first link on `list` whose href matches `pattern`: a record's own screen. */
interface Discover {
  list: string;
  pattern: RegExp;
}

interface Role {
  who: string;
  paths: string[];
  discover: Discover[];
}

const ROLES: Role[] = [
  {
    who: 'coordinacion@vinculo.test',
    paths: [
      '/app/bitacora',
      '/app/admin/categorias',
      '/app/admin/catalogo',
      '/app/admin/ajustes',
      '/app/privacidad',
    ],
    discover: [
      { list: '/app/casos', pattern: /^\/app\/casos\/LC-\d{4}-\d+$/ },
      { list: '/app/admin/usuarios', pattern: /^\/app\/admin\/usuarios\/\d+$/ },
      { list: '/app/admin/catalogo', pattern: /^\/app\/admin\/catalogo\/\d+$/ },
      { list: '/app/correo', pattern: /^\/app\/correo\/\d+$/ },
    ],
  },
  {
    who: 'supervision@vinculo.test',
    paths: [
      '/app',
      '/app/solicitudes',
      '/app/agenda/lista',
      '/app/agenda/ausencias',
      '/app/agenda/nueva',
      '/app/agenda/exportar',
      '/app/bitacora',
      '/app/casos',
      '/app/seguimientos',
    ],
    discover: [
      { list: '/app/solicitudes', pattern: /^\/app\/solicitudes\/\d+$/ },
      { list: '/app/agenda/lista', pattern: /^\/app\/agenda\/\d+$/ },
      { list: '/app/casos', pattern: /^\/app\/casos\/LC-\d{4}-\d+$/ },
    ],
  },
  {
    who: 'comunicacion@vinculo.test',
    paths: [
      '/app',
      '/app/contenido/tablero',
      '/app/contenido/campanas',
      '/app/contenido/publicaciones/nueva',
      '/app/contenido/exportar',
      '/app/eventos',
      '/app/eventos/nuevo',
    ],
    discover: [
      { list: '/app/contenido/tablero', pattern: /^\/app\/contenido\/publicaciones\/\d+$/ },
      { list: '/app/contenido/campanas', pattern: /^\/app\/contenido\/campanas\/\d+$/ },
      { list: '/app/eventos', pattern: /^\/app\/eventos\/\d+$/ },
    ],
  },
];

/** The seed has no oficio: one is drafted from the first case, as an operator would. */
async function draftOficio(page: Page): Promise<string> {
  const href = await firstRecord(page, { list: '/app/casos', pattern: /^\/app\/casos\/LC-\d{4}-\d+$/ });
  await page.goto(href!);
  const to = page.getByLabel('Dirigido a');
  await to.selectOption({ index: 1 });
  await page.getByLabel('Plantilla').selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Crear borrador' }).click();
  await expect(page).toHaveURL(/\/app\/casos\/oficios\/OF-\d{4}-\d{4}/);
  return new URL(page.url()).pathname;
}

async function firstRecord(page: Page, { list, pattern }: Discover): Promise<string | null> {
  await page.goto(list);
  const hrefs = await page
    .locator('main a[href]')
    .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href') ?? ''));
  return hrefs.find((h) => pattern.test(h)) ?? null;
}

for (const size of [DESK, PHONE]) {
  test.describe(`more staff screens at ${size.width}px`, () => {
    test.use({ viewport: size });
    for (const { who, paths, discover } of ROLES)
      test(`${who.split('@')[0]}: axe-clean and no horizontal scroll`, async ({ page }) => {
        test.setTimeout(180_000);
        await loginAs(page, who);
        await expect(page).toHaveURL(/\/app$/);
        const found: string[] = [];
        for (const d of discover) {
          const href = await firstRecord(page, d);
          expect(href, `a record linked from ${d.list}`).not.toBeNull();
          found.push(href!);
        }
        if (who.startsWith('coordinacion')) found.push(await draftOficio(page));
        for (const path of [...paths, ...found]) {
          await test.step(path, async () => {
            const res = await page.goto(path);
            expect(res?.status(), path).toBe(200);
            await expect(page.locator('h1').first()).toBeVisible();
            await noHorizontalScroll(page, size.width);
            await expectNoAxeViolations(page);
            // An oficio is printed and signed: the printed page is scanned as well.
            if (path.startsWith('/app/casos/oficios/')) {
              await page.emulateMedia({ media: 'print' });
              await expectNoAxeViolations(page);
              await page.emulateMedia({ media: 'screen' });
            }
          });
        }
      });
  });
}
