import { type Page, expect, test } from '@playwright/test';
import { expectNoAxeViolations, loginAs, sentEmails } from './helpers';

// The demo's "Noviazgo sin violencia" fulfils a scheduled workshop request, two workdays ahead.
function workday(n: number): string {
  const d = new Date(
    new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Chihuahua' }).format(new Date()) + 'T12:00:00Z',
  );
  for (let left = n; left > 0;) {
    d.setUTCDate(d.getUTCDate() + 1);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) left--;
  }
  return d.toISOString().slice(0, 10);
}
const DAY = workday(2);
const TITLE = 'Noviazgo sin violencia';

const eventEl = (page: Page) =>
  page.getByTestId('agenda-calendar').getByRole('link').filter({ hasText: TITLE }).first();

async function dragBy(page: Page, dy: number) {
  await eventEl(page).scrollIntoViewIfNeeded();
  const box = (await eventEl(page).boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + 8);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) {
    await page.mouse.move(box.x + box.width / 2, box.y + 8 + (dy * i) / 10);
    await page.waitForTimeout(30);
  }
  await page.mouse.up();
}

const changeMails = async () => (await sentEmails()).filter((m) => /Cambi/i.test(m.body.subject)).length;

test('moving a scheduled workshop asks first: cancel saves nothing and sends nothing; confirm saves and mails', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 1500 });
  await loginAs(page, 'supervision@vinculo.test');
  await expect(page).toHaveURL(/\/app$/);
  await page.goto(`/app/agenda?fecha=${DAY}&vista=timeGridDay`);
  await expect(eventEl(page)).toContainText('12:00');
  const halfHour = (await eventEl(page).boundingBox())!.height / 3; // a 90-minute event
  const mailsBefore = await changeMails();

  // Cancelar: the event snaps back, nothing is saved, no mail goes.
  await dragBy(page, 2 * halfHour);
  const dialog = page.getByRole('dialog', { name: /¿Avisar a / });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Mover y avisar a la institución' })).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Mover sin avisar' })).toBeVisible();
  await expectNoAxeViolations(page);
  await dialog.getByRole('button', { name: 'Cancelar' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('status')).toContainText(`No se movió`);
  await page.reload();
  await expect(eventEl(page)).toContainText('12:00');
  await page.waitForTimeout(1500);
  expect(await changeMails()).toBe(mailsBefore);

  // Mover y avisar: saved at 11:00 (later would leave the afternoon shift short), the result
  // names who was told, and the change mail goes.
  await dragBy(page, -2 * halfHour);
  await page
    .getByRole('dialog', { name: /¿Avisar a / })
    .getByRole('button', { name: 'Mover y avisar a la institución' })
    .click();
  await expect(page.getByRole('status')).toContainText(/quedó .*Se avisó por correo a /);
  // The mail waits out the undo window (15 s) before the worker sends it.
  await expect.poll(changeMails, { timeout: 40_000 }).toBe(mailsBefore + 1);
  await page.reload();
  await expect(eventEl(page)).toContainText('11:00');

  // Back where it was, without telling them again.
  await dragBy(page, 2 * halfHour);
  await page
    .getByRole('dialog', { name: /¿Avisar a / })
    .getByRole('button', { name: 'Mover sin avisar' })
    .click();
  await expect(page.getByRole('status')).toContainText(/quedó .*No se avisó a /);
  await page.reload();
  await expect(eventEl(page)).toContainText('12:00');
  await page.waitForTimeout(1500);
  expect(await changeMails()).toBe(mailsBefore + 1);
});
