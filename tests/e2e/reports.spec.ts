import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, loginAs } from './helpers';

/** Cell texts of the report's main table (header, body rows and total), as a user reads them. */
async function tableTexts(page: import('@playwright/test').Page) {
  const table = page.locator('.report-table table');
  const header = await table.locator('thead th').allInnerTexts();
  const rows = await table
    .locator('tbody tr, tfoot tr')
    .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c as HTMLElement).innerText.trim())));
  return { header: header.map((h) => h.trim()), rows };
}

/** Parses the CSV the way a spreadsheet would (BOM, CRLF, quoted cells). */
function parseCsv(text: string): string[][] {
  expect(text.startsWith('\uFEFF')).toBe(true);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 1; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

test.describe('reports', () => {
  test('a supervisor filters a report, sees chart and table, and downloads exactly that table', async ({
    page,
  }) => {
    await loginAs(page, 'supervision@vinculo.test');
    await page
      .getByRole('navigation', { name: 'Menú del equipo' })
      .getByRole('link', { name: 'Reportes' })
      .click();
    await expect(page.getByRole('heading', { level: 1, name: 'Reportes' })).toBeVisible();
    await expectNoAxeViolations(page);

    await page.getByRole('link', { name: 'Solicitudes de talleres' }).click();
    await page.getByLabel('Desde').fill('2026-01-01');
    await page.getByLabel('Hasta').fill('2026-06-30');
    await page.getByLabel('Agrupar por').selectOption('mes');
    await page.getByRole('button', { name: 'Ver informe' }).click();
    await expect(page).toHaveURL(/desde=2026-01-01&hasta=2026-06-30&por=mes/);

    // Six months, each a row even when empty, plus the total.
    const shown = await tableTexts(page);
    expect(shown.header).toEqual([
      'Mes',
      'Recibidas',
      'Por atender',
      'Programadas',
      'Realizadas',
      'No aceptadas',
      'Canceladas',
    ]);
    expect(shown.rows.map((r) => r[0])).toEqual([
      'ene 2026',
      'feb 2026',
      'mar 2026',
      'abr 2026',
      'may 2026',
      'jun 2026',
      'Total',
    ]);
    // The chart is drawn for sighted users and kept away from screen readers, when the table has a
    // figure to draw; when every published month is 0 or hidden, the page says so instead.
    const drawable = shown.rows
      .filter((r) => r[0] !== 'Total')
      .some((r) => r.slice(1).some((cell) => cell !== '0' && cell !== '—' && cell !== ''));
    if (drawable) {
      await expect(page.locator('figure.report-chart')).toBeVisible();
      await expect(page.locator('figure.report-chart canvas')).toHaveAttribute('aria-hidden', 'true');
    } else {
      await expect(page.locator('figure.report-chart')).toHaveCount(0);
      await expect(
        page.getByText(/^No hay gráfica: en este periodo todas las cifras son cero/),
      ).toBeVisible();
    }
    await expectNoAxeViolations(page);

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Descargar CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('solicitudes_por-mes_2026-01-01_2026-06-30.csv');
    const csv = parseCsv(
      await (
        await file.createReadStream()
      )
        .toArray()
        .then((chunks) => Buffer.concat(chunks).toString('utf8')),
    );
    expect(csv[0]).toEqual(shown.header);
    // Same rows, same figures (the page groups thousands with a comma, the CSV does not).
    expect(csv.slice(1)).toEqual(shown.rows.map((r) => r.map((c) => c.replace(/(\d),(\d{3})/g, '$1$2'))));
  });

  test('every report an admin can open has a heading, a captioned table and a CSV, and passes axe', async ({
    page,
  }) => {
    await loginAs(page, 'coordinacion@vinculo.test');
    await page.waitForURL('**/app');
    await page.goto('/app/reportes');
    const links = await page
      .locator('main .report-list a')
      .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname));
    expect(links.length).toBeGreaterThanOrEqual(6);
    for (const path of links) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.locator('.report-table caption')).not.toBeEmpty();
      const csv = await page.request.get(
        (await page.getByRole('link', { name: 'Descargar CSV', exact: true }).getAttribute('href')) ?? '',
      );
      expect(csv.status(), path).toBe(200);
      expect(csv.headers()['content-type']).toContain('text/csv');
      await expectNoAxeViolations(page);
    }
  });

  test('bad filters get a message beside the field and the report still shows', async ({ page }) => {
    await loginAs(page, 'supervision@vinculo.test');
    await page.goto('/app/reportes/tiempo-a-sesion?desde=2026-02-30&hasta=2026-03-31&por=planeta');
    const desde = page.getByLabel('Desde');
    await expect(desde).toHaveAttribute('aria-invalid', 'true');
    await expect(page.locator('#rf-desde-error')).toHaveText('Escribe una fecha válida (aaaa-mm-dd).');
    await expect(desde).toHaveAttribute('aria-describedby', 'rf-desde-error');
    await expect(page.locator('#rf-por-error')).toContainText('Elige una de las opciones');
    await expect(page.locator('.report-table table')).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('works without JavaScript: the table is the report', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await loginAs(page, 'coordinacion@vinculo.test');
    await page.waitForURL('**/app');
    await page.goto('/app/reportes/evaluaciones?por=tipo');
    await expect(page.getByRole('heading', { level: 1, name: 'Evaluaciones de los talleres' })).toBeVisible();
    await expect(page.locator('.report-table caption')).toHaveText('Evaluaciones por tipo de institución');
    await expect(page.locator('figure.report-chart')).toBeHidden();
    await expect(page.getByRole('heading', { name: 'Comentarios de las evaluaciones' })).toBeVisible();
    await context.close();
  });

  test('communications staff see outreach reports; operators have no reports area', async ({
    page,
    browser,
  }) => {
    await loginAs(page, 'comunicacion@vinculo.test');
    await page.waitForURL('**/app');
    await page.goto('/app/reportes');
    await expect(page.getByRole('heading', { level: 2, name: 'Prevención y talleres' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Línea Ciudadana' })).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 2, name: 'Comunicación' })).toBeVisible();
    await page.getByRole('link', { name: 'Publicaciones planeadas y publicadas' }).click();
    await page.getByLabel('Agrupar por').selectOption('canal');
    await page.getByRole('button', { name: 'Ver informe' }).click();
    await expect(page.locator('.report-table caption')).toHaveText('Publicaciones por canal');
    await expectNoAxeViolations(page);

    const context = await browser.newContext();
    const operator = await context.newPage();
    await loginAs(operator, 'operadora@vinculo.test');
    await operator.waitForURL('**/app');
    await expect(
      operator.getByRole('navigation', { name: 'Menú del equipo' }).getByRole('link', { name: 'Reportes' }),
    ).toHaveCount(0);
    const response = await operator.goto('/app/reportes/solicitudes.csv');
    expect(response?.status()).toBe(403);
    await context.close();
  });

  test('the monthly summary prints without menus or forms', async ({ page }) => {
    await loginAs(page, 'coordinacion@vinculo.test');
    await page.waitForURL('**/app');
    await page.goto('/app/reportes/mensual?mes=2026-10');
    await expect(page.getByRole('heading', { level: 1, name: 'Resumen de octubre de 2026' })).toBeVisible();
    const headlines = page.locator('table.headlines').first();
    await expect(headlines.locator('thead th')).toHaveText([
      'Indicador',
      'octubre de 2026',
      'Mes anterior (septiembre)',
      'Acumulado 2026',
    ]);
    await expectNoAxeViolations(page);

    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('header.app-header')).toBeHidden();
    await expect(page.getByRole('button', { name: 'Ver mes' })).toBeHidden();
    await expect(headlines).toBeVisible();

    await page.emulateMedia({ media: 'screen' });
    await page.goto('/app/reportes/mensual?mes=noviembre');
    await expect(page.locator('#f-mes-error')).toContainText('aaaa-mm');
  });

  test('the line reports are for supervisors only, and never show 1 to 4', async ({ page, browser }) => {
    await loginAs(page, 'supervision@vinculo.test');
    await page.waitForURL('**/app');
    await page.goto('/app/reportes');
    await page.getByRole('link', { name: 'Contactos de la línea' }).click();
    await page.getByLabel('Agrupar por').selectOption('canal');
    await page.getByRole('button', { name: 'Ver informe' }).click();
    await expect(page.locator('.report-table caption')).toHaveText('Contactos por canal');
    await expectNoAxeViolations(page);
    // Every count shown is a multiple of 5 (an average has a decimal), and the page says why.
    const cells = await page.locator('.report-table td.num').allInnerTexts();
    for (const text of cells) expect(text).toMatch(/^(—|0|5|\d[\d,]*[05]|\d+\.\d)$/);
    await expect(page.locator('p.disclosure')).toContainText('se redondean a múltiplos de 5');

    const context = await browser.newContext();
    const comms = await context.newPage();
    await loginAs(comms, 'comunicacion@vinculo.test');
    await comms.waitForURL('**/app');
    expect((await comms.goto('/app/reportes/contactos'))?.status()).toBe(403);
    expect((await comms.goto('/app/reportes/contactos.csv'))?.status()).toBe(403);
    await context.close();
  });
});
