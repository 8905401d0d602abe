import AxeBuilder from '@axe-core/playwright';
import { type Page, expect } from '@playwright/test';

export const DEMO_PASSWORD = 'linea-ciudadana-demo';
export const RESEND_URL = `http://127.0.0.1:${process.env.E2E_RESEND_PORT ?? 4599}`;

export async function loginAs(
  page: Page,
  email: string,
  password = DEMO_PASSWORD,
  options: { navigate?: boolean } = {},
) {
  if (options.navigate !== false) await page.goto('/login');
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Contraseña', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Entrar' }).click();
}

/** WCAG 2.2 AA scan; fails with the list of violations. */
export async function expectNoAxeViolations(page: Page, exclude: string[] = []) {
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']);
  for (const selector of exclude) builder = builder.exclude(selector);
  const results = await builder.analyze();
  expect(
    results.violations.map(
      (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
    ),
  ).toEqual([]);
}

/** Messages the fake Resend received, newest last. */
export async function sentEmails(): Promise<
  { idempotencyKey?: string; body: { to: string[]; subject: string; text: string; html: string } }[]
> {
  const res = await fetch(`${RESEND_URL}/emails`);
  return res.json();
}

/** Waits until the outbox worker has delivered a mail to `to` matching `subject`. */
export async function waitForEmail(to: string, subject: RegExp) {
  let found: Awaited<ReturnType<typeof sentEmails>>[number] | undefined;
  await expect
    .poll(
      async () => {
        found = (await sentEmails()).findLast((m) => m.body.to.includes(to) && subject.test(m.body.subject));
        return !!found;
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  return found!;
}
