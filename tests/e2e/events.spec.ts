import { type Page, devices, expect, test } from '@playwright/test';
import { expectNoAxeViolations, loginAs, sentEmails, waitForEmail } from './helpers';

/** "YYYY-MM-DDTHH:mm" `days` from now in the browser's zone (America/Chihuahua in this config). */
function localInput(days: number, hour: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  const day = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'America/Chihuahua',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(d);
  return `${day}T${String(hour).padStart(2, '0')}:00`;
}

async function createEvent(page: Page, title: string, capacity: number) {
  await page.goto('/app/eventos');
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Nuevo evento' }).click();
  await expectNoAxeViolations(page);
  await page.getByLabel('Título', { exact: true }).fill(title);
  await page.getByLabel('Lugar', { exact: true }).fill('Salón Comunitario de la Col. Dale');
  await page.getByLabel('Municipio').selectOption('08019');
  await page.getByLabel('Inicio').fill(localInput(10, 17));
  await page.getByLabel('Término').fill(localInput(10, 19));
  await page.getByLabel('El registro abre').fill(localInput(-1, 9));
  await page.getByLabel('El registro cierra').fill(localInput(10, 12));
  await page.getByLabel('Cupo (personas)').fill(String(capacity));
  // A text file named .png is refused by its bytes.
  await page
    .getByLabel('Imagen de portada')
    .setInputFiles({ name: 'portada.png', mimeType: 'image/png', buffer: Buffer.from('no soy una imagen') });
  await page.getByRole('button', { name: 'Guardar borrador' }).click();
  await expect(page.getByText('La portada debe ser una imagen JPEG, PNG o WebP.')).toBeVisible();
  await expect(page.getByLabel('Título', { exact: true })).toHaveValue(title);
  await page.getByLabel('Imagen de portada').setInputFiles([]);
  await page.getByRole('button', { name: 'Guardar borrador' }).click();
  await expect(page.getByText('Evento guardado como borrador')).toBeVisible();
  await page.getByRole('button', { name: 'Publicar' }).click();
  await expect(page.getByText('Evento publicado')).toBeVisible();
}

test('register without JavaScript, cancel from the mailed link, and the waiting list is promoted', async ({
  page,
  browser,
}) => {
  // Two visitors, a waiting list and a cancel that asks first: longer than the default minute.
  test.setTimeout(120_000);
  await loginAs(page, 'comunicacion@vinculo.test');
  const title = `Plática de prevención ${Date.now().toString(36)}`;
  await createEvent(page, title, 1);

  // Axe needs JavaScript to run, so the pages are scanned here and used below without it.
  await page.goto('/eventos');
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: title }).click();
  await expectNoAxeViolations(page);

  const visitor = await browser.newContext({
    javaScriptEnabled: false,
    locale: 'es-MX',
    timezoneId: 'America/Chihuahua',
  });
  const pub = await visitor.newPage();
  await pub.goto('/eventos');
  await pub.getByRole('link', { name: title }).click();
  await expect(pub.getByText('Queda 1 lugar')).toBeVisible();

  // Empty submit: Spanish messages beside the fields, nothing saved.
  await pub.getByRole('button', { name: 'Registrarme' }).click();
  await expect(pub.getByText('Escribe tu nombre completo.')).toBeVisible();
  await expect(pub.getByLabel('Correo electrónico')).toHaveAttribute('aria-invalid', 'true');
  // A group without its data is told everything at once, and what was typed stays.
  await pub.getByLabel('Nombre completo').fill('Rosa Elena Gardea');
  await pub.getByLabel('Un grupo (escuela, centro de trabajo)').check();
  await pub.getByRole('button', { name: 'Registrarme' }).click();
  await expect(pub.getByText('Escribe el nombre de la escuela o centro de trabajo.')).toBeVisible();
  await expect(pub.getByText('Dinos cómo te enteraste del evento.')).toBeVisible();
  await expect(pub.getByLabel('Nombre completo')).toHaveValue('Rosa Elena Gardea');
  await pub.getByLabel('Solo yo').check();

  const register = async (name: string, email: string) => {
    await pub.getByLabel('Nombre completo').fill(name);
    await pub.getByLabel('Correo electrónico').fill(email);
    await pub.getByLabel('Municipio').selectOption('08019');
    await pub.getByLabel('¿Cómo te enteraste del evento?').selectOption('redes_sociales');
    await pub.getByLabel(/Leí y acepto el aviso de privacidad/).check();
    await pub.getByRole('button', { name: /Registrarme|Anotarme en la lista de espera/ }).click();
  };
  await register('Karla Domínguez Loera', 'karla.e2e@correo.test');
  await expect(pub.getByRole('status')).toContainText('Tu lugar está confirmado');
  // The answer is where the eyes are, without JavaScript: focus on it, scrolled into view.
  await expect(pub.locator('#resultado')).toBeFocused();
  await expect(pub.locator('#resultado')).toBeInViewport();

  await pub.goto(pub.url().split('?')[0]!);
  await expect(pub.getByText('Cupo lleno: lista de espera')).toBeVisible();
  await register('Luis Quezada Ochoa', 'luis.e2e@correo.test');
  await expect(pub.getByRole('status')).toContainText('quedaste en la lista de espera');

  const confirmation = await waitForEmail('karla.e2e@correo.test', /Tu lugar está confirmado/);
  const link = /https?:\/\/[^\s]+\/registro\/[a-z2-7]+/.exec(confirmation.body.text)![0];
  await page.goto(new URL(link).pathname);
  await expectNoAxeViolations(page);
  await pub.goto(new URL(link).pathname);
  await expect(pub.getByText('Confirmado', { exact: true })).toBeVisible();
  // Cancelling asks first; "No" keeps the seat.
  await pub.getByRole('link', { name: 'Cancelar mi registro' }).click();
  await expect(pub.getByRole('heading', { name: '¿Cancelar tu registro?' })).toBeVisible();
  await pub.getByRole('link', { name: 'No, conservar mi lugar' }).click();
  await expect(pub.getByText('Confirmado', { exact: true })).toBeVisible();
  await pub.getByRole('link', { name: 'Cancelar mi registro' }).click();
  await pub.getByRole('button', { name: 'Sí, cancelar mi registro' }).click();
  await expect(pub.getByRole('status')).toContainText('Tu registro quedó cancelado');

  const promoted = await waitForEmail('luis.e2e@correo.test', /Se liberó un lugar para ti/);
  expect(promoted.body.text).toContain('pasó de la lista de espera a confirmado');
  await visitor.close();

  // Staff see the result and can export it.
  await page.goto('/app/eventos');
  await page.getByRole('link', { name: title, exact: true }).click();
  await expect(page.getByRole('row', { name: /Luis Quezada Ochoa/ })).toContainText('Confirmado');
  await expect(page.getByRole('row', { name: /Karla Domínguez Loera/ })).toContainText('Cancelado');
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Descargar CSV' }).click();
  const csv = await (await download).createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of csv) chunks.push(chunk as Buffer);
  expect(Buffer.concat(chunks).toString('utf8')).toContain('Luis Quezada Ochoa');
  await expectNoAxeViolations(page);

  // A new place asks before telling the registrant (an outside party): ticked by default.
  const notify = page.getByLabel(/Avisar a las personas registradas \(1\)/);
  await expect(notify).toBeChecked();
  await notify.uncheck();
  await page.getByLabel('Lugar', { exact: true }).fill('Biblioteca Pública Central');
  await page.getByRole('button', { name: 'Guardar cambios' }).click();
  await expect(page.getByRole('status')).toContainText(
    'No se avisó a la persona registrada; la página del evento ya muestra los datos nuevos.',
  );
  await page.getByLabel('Lugar', { exact: true }).fill('Auditorio Municipal');
  await page.getByRole('button', { name: 'Guardar cambios' }).click();
  await expect(page.getByRole('status')).toContainText(
    'Se avisó por correo a la persona registrada del cambio de fecha, hora o lugar.',
  );
  const moved = await waitForEmail('luis.e2e@correo.test', /Cambió la fecha o el lugar/);
  expect(moved.body.text).toContain('Auditorio Municipal');
  expect(
    (await sentEmails()).filter(
      (m) => m.body.to.includes('luis.e2e@correo.test') && /Cambió la fecha o el lugar/.test(m.body.subject),
    ),
  ).toHaveLength(1);
});

test('the English mirror shows the same events and English messages', async ({ page }) => {
  await page.goto('/en/eventos');
  await expect(page.getByRole('heading', { level: 1, name: 'Events' })).toBeVisible();
  await page.getByRole('link', { name: 'Feria de prevención y cultura de la denuncia' }).click();
  await expect(page.getByText(/seats left/)).toBeVisible();
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page.getByText('Please write your full name.')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveText('Please check the marked fields.');
  await expectNoAxeViolations(page);
});

test.describe('check-in on a phone', () => {
  const { viewport, userAgent, deviceScaleFactor, isMobile, hasTouch } = devices['Pixel 7'];
  test.use({ viewport, userAgent, deviceScaleFactor, isMobile, hasTouch });

  test('search, tap, walk-in, and taps made offline are sent once when back online', async ({
    page,
    context,
  }) => {
    await loginAs(page, 'operadora@vinculo.test');
    // Operators check people in; planning events is for comms, supervisors and admins.
    expect((await page.goto('/app/eventos/nuevo'))?.status()).toBe(403);
    await page.goto('/app/eventos');
    await expect(page.getByRole('link', { name: 'Nuevo evento' })).toHaveCount(0);
    await page.getByRole('link', { name: 'Abrir la lista de asistencia' }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(
      'Primeros auxilios psicológicos para docentes',
    );
    const count = page.locator('.count strong');
    await expect(count).toHaveText('0');
    await expectNoAxeViolations(page);

    await page.getByLabel('Buscar por nombre o institución').fill('secundaria tecnica');
    await expect(page.getByRole('button', { name: /Héctor Manuel Ruiz Sáenz/ })).toBeVisible();
    await expect(page.getByRole('button', { name: /María Guadalupe/ })).toHaveCount(0);
    await page.getByRole('button', { name: /Héctor Manuel Ruiz Sáenz/ }).click();
    await expect(page.getByRole('button', { name: /Héctor Manuel Ruiz Sáenz/ })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
    await expect(count).toHaveText('6');
    await expect(page.getByText('Todo guardado')).toBeVisible();

    await context.setOffline(true);
    await page.getByLabel('Buscar por nombre o institución').fill('rascon');
    await page.getByRole('button', { name: /María Guadalupe Rascón Holguín/ }).click();
    await page.getByRole('spinbutton', { name: 'Personas' }).fill('3');
    await page.getByRole('button', { name: 'Sumar sin registro' }).click();
    await expect(count).toHaveText('10');
    await expect(page.getByText(/Sin conexión: 2 marca\(s\) pendiente/)).toBeVisible();
    // A reload while offline would lose nothing: the queue is in localStorage.
    const queued = await page.evaluate(() =>
      Object.entries(localStorage)
        .filter(([k]) => k.startsWith('vinculo:asistencia:'))
        .map(([, v]) => JSON.parse(v).length),
    );
    expect(queued).toEqual([2]);

    await context.setOffline(false);
    await page.evaluate(() => window.dispatchEvent(new Event('online')));
    await expect(page.getByText('Todo guardado')).toBeVisible({ timeout: 20_000 });
    await page.reload();
    await expect(page.locator('.count strong')).toHaveText('10');
  });
});

test('staff move people between the list and confirmed within capacity, and cancel an event', async ({
  page,
}) => {
  await loginAs(page, 'supervision@vinculo.test');
  await page.goto('/app/eventos');
  await page.getByRole('link', { name: 'Cómo actuar ante la extorsión telefónica', exact: true }).click();
  await expect(page.getByText('8 de 8 lugares confirmados')).toBeVisible();
  // Full: a waiting person cannot be confirmed until a seat is freed.
  await page.getByRole('button', { name: 'Confirmar a Daniela Alejandra Franco Ríos' }).click();
  await expect(page.getByRole('alert')).toContainText('No hay lugar: quedan 0 y el registro es de 1');
  await page
    .getByRole('button', { name: 'Pasar a lista de espera a María Guadalupe Rascón Holguín' })
    .click();
  await expect(page.getByText('Registro actualizado')).toBeVisible();
  await page.getByRole('button', { name: 'Confirmar a Daniela Alejandra Franco Ríos' }).click();
  await expect(page.getByRole('row', { name: /Daniela Alejandra Franco Ríos/ })).toContainText('Confirmado');
  await expect(page.getByRole('row', { name: /María Guadalupe Rascón Holguín/ })).toContainText(
    'En lista de espera',
  );
  await waitForEmail('dani.franco+extors@correo.test', /Se liberó un lugar para ti/);

  await page.getByRole('button', { name: 'Cancelar el evento y avisar' }).click();
  await expect(page.getByText(/Escribe el motivo \(se incluye en el correo/)).toBeVisible();
  await page
    .getByLabel('Motivo (va en el correo)')
    .fill('El salón del DIF no estará disponible; avisaremos la nueva fecha.');
  await page.getByRole('button', { name: 'Cancelar el evento y avisar' }).click();
  await expect(page.getByText('Se avisó por correo a 9 registro(s).')).toBeVisible();
  const mail = await waitForEmail('jabaeza+extors@correo.test', /Evento cancelado/);
  expect(mail.body.text).toContain('El salón del DIF no estará disponible');
  await page.goto('/eventos/extorsion-telefonica-chihuahua');
  await expect(page.getByText('Este evento se canceló.')).toBeVisible();
});
