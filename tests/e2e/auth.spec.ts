import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, loginAs, waitForEmail } from './helpers';

test('an admin logs in, sees the staff home and logs out', async ({ page, request }) => {
  await page.goto('/app');
  await expect(page).toHaveURL(/\/login\?next=%2Fapp/);
  await expectNoAxeViolations(page);
  await loginAs(page, 'coordinacion@vinculo.test');
  await expect(page).toHaveURL(/\/app$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hola, Mariana');
  await expectNoAxeViolations(page);

  // The session cookie, replayed from outside the browser, opens the staff home…
  const cookie = (await page.context().cookies()).find((c) => c.name === 'vinculo_session');
  expect(cookie?.value).toBeTruthy();
  const replay = () =>
    request.get('/app', { headers: { cookie: `vinculo_session=${cookie!.value}` }, maxRedirects: 0 });
  const before = await replay();
  expect(before.status()).toBe(200);
  expect(await before.text()).toContain('Hola, Mariana');

  await page.getByRole('button', { name: 'Cerrar sesión' }).click();
  await expect(page.getByText('Cerraste tu sesión.')).toBeVisible();
  expect((await page.context().cookies()).map((c) => c.name)).not.toContain('vinculo_session');
  await page.goto('/app');
  await expect(page).toHaveURL(/\/login/);

  // …and after logging out the same cookie is refused by the server: the session is gone there,
  // not only in this browser.
  const after = await replay();
  expect(after.status()).toBe(303);
  expect(after.headers()['location']).toBe('/login?next=%2Fapp&motivo=expirada');
});

test('returns to the page asked for after logging in', async ({ page }) => {
  await page.goto('/app/perfil');
  await expect(page).toHaveURL(/\/login\?next=/);
  await loginAs(page, 'supervision@vinculo.test', undefined, { navigate: false });
  await expect(page).toHaveURL(/\/app\/perfil$/);
  await expect(page.getByRole('heading', { name: 'Mi cuenta' })).toBeVisible();
});

test('a wrong password and empty fields get Spanish messages and keep the e-mail', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('button', { name: 'Entrar' }).click();
  await expect(page.getByText('Escribe un correo electrónico.')).toBeVisible();
  await expect(page.getByText('Escribe tu contraseña.')).toBeVisible();
  await expect(page.getByLabel('Correo electrónico')).toHaveAttribute('aria-invalid', 'true');

  await loginAs(page, 'supervision@vinculo.test', 'no es la contraseña');
  await expect(page.getByRole('alert')).toHaveText('El correo o la contraseña no son correctos.');
  await expect(page.getByLabel('Correo electrónico')).toHaveValue('supervision@vinculo.test');
  await expectNoAxeViolations(page);
});

test('repeated failures lock the account for a while, even with the right password', async ({ page }) => {
  for (let i = 0; i < 5; i++) await loginAs(page, 'operador@vinculo.test', `intento fallido ${i}`);
  await loginAs(page, 'operador@vinculo.test');
  await expect(page.getByRole('alert')).toContainText('demasiados intentos fallidos');
  await expect(page).toHaveURL(/\/login/);
});

test('an operator cannot open the admin screens', async ({ page }) => {
  await loginAs(page, 'operadora@vinculo.test');
  await expect(
    page.getByRole('navigation', { name: 'Menú del equipo' }).getByRole('link', { name: 'Usuarios' }),
  ).toHaveCount(0);
  const response = await page.goto('/app/admin/usuarios');
  expect(response?.status()).toBe(403);
  await expect(page.getByText('Tu rol no tiene acceso a esta sección.')).toBeVisible();
});

test('an admin creates an operator, who sets a password from the e-mailed link and logs in', async ({
  page,
  browser,
}) => {
  await loginAs(page, 'coordinacion@vinculo.test');
  await page.goto('/app/admin/usuarios');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Crear cuenta y enviar invitación' }).click();
  await expect(page.getByText('Escribe el nombre completo.')).toBeVisible();
  await expect(page.getByText('Elige un rol.')).toBeVisible();

  const email = `nueva.operadora.${Date.now()}@vinculo.test`;
  await page.getByLabel('Nombre completo').fill('Brenda Holguín Meza');
  await page.getByLabel('Correo electrónico').fill(email);
  await page.getByLabel('Rol').selectOption('operator');
  await page.getByRole('button', { name: 'Crear cuenta y enviar invitación' }).click();
  await expect(page.getByText(`Enviamos a ${email} el enlace`)).toBeVisible();

  // The outbox lists it for admins…
  await page.goto('/app/correo');
  await expect(page.getByRole('row', { name: new RegExp(email) })).toBeVisible();
  // …and the worker delivered it through the Resend SDK.
  const mail = await waitForEmail(email, /Tu cuenta/);
  const link = /https?:\/\/\S+\/contrasena\/[a-z0-9]+/.exec(mail.body.text)![0];

  const other = await browser.newPage();
  await other.goto(link);
  await expect(other.getByRole('heading', { name: 'Bienvenida(o), Brenda' })).toBeVisible();
  await other.getByLabel('Contraseña nueva').fill('password1234');
  await other.getByLabel('Repite la contraseña').fill('password1234');
  await other.getByRole('button', { name: 'Guardar contraseña' }).click();
  await expect(other.getByText('Esa contraseña es muy común')).toBeVisible();
  await other.getByLabel('Contraseña nueva').fill('girasoles en el desierto');
  await other.getByLabel('Repite la contraseña').fill('girasoles en el desierto');
  await other.getByRole('button', { name: 'Guardar contraseña' }).click();
  await expect(other.getByText('Tu contraseña quedó guardada.')).toBeVisible();
  await loginAs(other, email, 'girasoles en el desierto');
  await expect(other.getByRole('heading', { level: 1 })).toHaveText('Hola, Brenda');

  // The link works once.
  await other.goto(link);
  await expect(other.getByRole('heading', { name: 'Este enlace ya no es válido' })).toBeVisible();
});

test('health check answers with a database round-trip', async ({ request }) => {
  const res = await request.get('/healthz');
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ status: 'ok', database: 'ok' });
});

test('the audit log shows logins and user changes to admins', async ({ page }) => {
  await loginAs(page, 'coordinacion@vinculo.test');
  await page.goto('/app/admin/auditoria');
  await expect(page.getByRole('heading', { name: 'Registro de auditoría' })).toBeVisible();
  await page.getByLabel('Tipo de acción').selectOption({ label: 'Sesiones' });
  await page.getByRole('button', { name: 'Filtrar' }).click();
  const login = page.getByRole('row', { name: /Mariana Ochoa Delgado.*Inicio de sesión/ }).first();
  await expect(login).toBeVisible();
  // One action exactly: the row's action links to a filter on it.
  await login.getByRole('link', { name: 'Inicio de sesión', exact: true }).click();
  await expect(page.getByRole('row', { name: /Inicio de sesión/ }).first()).toBeVisible();
  await expect(page.getByRole('row', { name: /Intento fallido/ })).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test('an admin changes the hotline number and the public site shows it at once', async ({ page }) => {
  await loginAs(page, 'coordinacion@vinculo.test');
  await page.goto('/app/admin/ajustes');
  await expectNoAxeViolations(page);
  await page.getByLabel('Teléfono para marcar (formato internacional)').fill('614 mal');
  await page.getByRole('button', { name: 'Guardar ajustes' }).click();
  await expect(page.getByText('Escríbelo en formato internacional')).toBeVisible();
  await expect(page.getByLabel('Teléfono para marcar (formato internacional)')).toHaveValue('614 mal');
  await page.getByLabel('Teléfono, como se muestra al público').fill('614 200 4800');
  await page.getByLabel('Teléfono para marcar (formato internacional)').fill('+526142004800');
  await page.getByRole('button', { name: 'Guardar ajustes' }).click();
  await expect(page.getByText('Ajustes guardados.')).toBeVisible();
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Llamar al 614 200 4800' })).toHaveAttribute(
    'href',
    'tel:+526142004800',
  );

  // Put the demo number back: other specs share this server.
  await page.goto('/app/admin/ajustes');
  await page.getByLabel('Teléfono, como se muestra al público').fill('614 123 4567');
  await page.getByLabel('Teléfono para marcar (formato internacional)').fill('+526141234567');
  await page.getByRole('button', { name: 'Guardar ajustes' }).click();
  await expect(page.getByText('Ajustes guardados.')).toBeVisible();
});
