import { type Page, expect, test } from '@playwright/test';
import { expectNoAxeViolations, loginAs } from './helpers';

// Every FullCalendar view of the agenda and the content calendar, at both sizes, scanned whole
// (the calendar grid is not excluded): 0 violations, no sideways scroll.
const SIZES = [
  { width: 1366, height: 800 },
  { width: 390, height: 844 },
];
const VIEWS = ['Mes', 'Semana', 'Día', 'Agenda'];
const CALENDARS = [
  { name: 'agenda', url: '/app/agenda', host: '[data-testid=agenda-calendar]' },
  { name: 'contenido', url: '/app/contenido', host: '[data-calendar]' },
];

async function viewButton(page: Page, host: string, label: string) {
  return page.locator(`${host} button`).filter({ hasText: new RegExp(`^${label}$`) });
}

for (const size of SIZES) {
  test(`calendar views at ${size.width}px: 0 axe violations, no sideways scroll`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.setViewportSize(size);
    await loginAs(page, 'supervision@vinculo.test');
    await expect(page).toHaveURL(/\/app$/);
    for (const cal of CALENDARS) {
      await page.goto(cal.url);
      for (const view of VIEWS) {
        const button = await viewButton(page, cal.host, view);
        await button.click();
        await expect(button).toHaveAttribute('aria-selected', 'true');
        // Wait for the events of the new range (the feed answers per visible range).
        await page.waitForLoadState('networkidle');
        const width = await page.evaluate(() => document.scrollingElement!.scrollWidth);
        expect(width, `${cal.name} ${view}`).toBeLessThanOrEqual(size.width);
        await test.step(`${cal.name} · ${view}`, () => expectNoAxeViolations(page));
      }
    }
  });
}
