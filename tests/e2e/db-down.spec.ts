import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Page, expect, test } from '@playwright/test';
import postgres from 'postgres';
import { type ToggleProxy, startToggleProxy } from '../helpers/toggle-proxy';
import { DEMO_PASSWORD, loginAs } from './helpers';

// Runs against the second e2e server, whose DATABASE_URL points at nothing.
const E2E_PORT = Number(process.env.E2E_PORT ?? 4322);
const DOWN = `http://127.0.0.1:${E2E_PORT + 1}`;
const EVENT = '/eventos/primeros-auxilios-psicologicos-docentes';
/** What an answer during an outage may take (issue 12 #15): the connection timeout bounds it. */
const OUTAGE_ANSWER_MS = 3000;

/** The 503 page in the site's layout, saying the database could not be reached. */
async function expectOutagePage(page: Page) {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'No pudimos conectar con la base de datos',
  );
  await expect(page.getByRole('alert')).toContainText('Lo que escribiste no se perdió');
  // The layout: the header with the line's phone, and the footer.
  await expect(page.getByRole('banner').getByRole('link', { name: /614/ })).toBeVisible();
  await expect(page.getByRole('contentinfo')).toBeVisible();
}

/** The values shown under «Lo que escribiste», by field name. */
async function keptValues(page: Page): Promise<Record<string, string[]>> {
  const shown: Record<string, string[]> = {};
  for (const el of await page.locator('.kept-value').all()) {
    const name = (await el.getAttribute('data-field'))!;
    (shown[name] ??= []).push((await el.textContent()) ?? '');
  }
  return shown;
}

test.describe('when the database is down', () => {
  test.use({ baseURL: DOWN });

  test('the health check says so with a 503', async ({ request }) => {
    const res = await request.get('/healthz');
    expect(res.status()).toBe(503);
    expect(await res.json()).toMatchObject({ database: 'unreachable' });
  });

  test('the public home page still shows how to call the line', async ({ page }) => {
    const res = await page.goto('/');
    expect(res?.status()).toBe(200);
    await expect(page.getByRole('link', { name: /Llamar al/ })).toHaveAttribute('href', /^tel:\+52/);
  });

  test('logging in explains the failure and keeps the e-mail typed', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Correo electrónico').fill('coordinacion@vinculo.test');
    await page.getByLabel('Contraseña', { exact: true }).fill('linea-ciudadana-demo');
    await page.getByRole('button', { name: 'Entrar' }).click();
    await expect(page.getByRole('alert')).toContainText('No pudimos conectar con la base de datos');
    await expect(page.getByLabel('Correo electrónico')).toHaveValue('coordinacion@vinculo.test');
    await expect(page.getByLabel('Contraseña', { exact: true })).toHaveValue('');
  });

  test('event pages, the manage link and staff pages answer a 503 page in the layout, quickly', async ({
    page,
    context,
  }) => {
    await context.addCookies([{ name: 'vinculo_session', value: 'x'.repeat(40), url: DOWN }]);
    for (const path of ['/eventos', '/en/eventos', EVENT, '/registro/aaaaaaaaaaaaaaaaaaaaaaaaaa', '/app']) {
      const started = Date.now();
      const res = await page.goto(path);
      expect({ path, status: res?.status() }).toEqual({ path, status: 503 });
      expect(Date.now() - started, path).toBeLessThan(OUTAGE_ANSWER_MS);
      await expectOutagePage(page);
    }
  });

  test('an event registration posted during the outage is shown again, every field kept', async ({
    request,
  }) => {
    const started = Date.now();
    const res = await request.post(`${EVENT}?_action=events.register`, {
      headers: { Origin: DOWN },
      form: {
        slug: 'primeros-auxilios-psicologicos-docentes',
        name: 'Rosa Elena Gardea',
        email: 'rosa.gardea@correo.test',
        phone: '614 555 0101',
        municipalityId: '08019',
        heardFrom: 'redes_sociales',
        registrationType: 'individual',
        accessibilityNeeds: 'Lugar cerca del escenario',
        consent: 'on',
      },
    });
    expect(res.status()).toBe(503);
    expect(Date.now() - started).toBeLessThan(OUTAGE_ANSWER_MS);
    const html = await res.text();
    for (const typed of [
      'Rosa Elena Gardea',
      'rosa.gardea@correo.test',
      '614 555 0101',
      'Lugar cerca del escenario',
    ])
      expect(html).toContain(typed);
    // Every field goes back with "Enviar de nuevo", the hidden ones included.
    expect(html).toContain('name="slug" value="primeros-auxilios-psicologicos-docentes"');
    expect(html).toContain('name="municipalityId" value="08019"');
    expect(html).toContain(
      'action="/eventos/primeros-auxilios-psicologicos-docentes?_action=events.register"',
    );
    // Choices are shown as the person saw them, not as their codes.
    const kept = (field: string) =>
      [...html.matchAll(new RegExp(`data-field="${field}"[^>]*>([^<]*)<`, 'g'))].map((m) => m[1]);
    expect(kept('municipalityId')).toEqual(['Chihuahua']);
    expect(kept('registrationType')).toEqual(['Solo yo']);
    expect(kept('heardFrom')).toEqual(['Redes sociales']);
  });

  test('a staff form posted during the outage keeps what was typed, not a bare 503', async ({ request }) => {
    const res = await request.post('/app/contenido/publicaciones/nueva?_action=content.createPost', {
      headers: { Origin: DOWN, Cookie: `vinculo_session=${'x'.repeat(40)}` },
      form: {
        title: 'Cartel: la denuncia es tu derecho',
        copy: 'Llámanos, es gratuito.',
        channels: 'facebook',
      },
    });
    expect(res.status()).toBe(503);
    const html = await res.text();
    expect(html).toContain('No pudimos conectar con la base de datos');
    expect(html).toContain('Cartel: la denuncia es tu derecho');
    expect(html).toContain('Llámanos, es gratuito.');
    expect(html).toContain('Volver al inicio del equipo');
  });

  test('the workshop request form keeps the chosen topics and municipality', async ({ request }) => {
    const res = await request.post('/talleres/solicitar?_action=requests.submit', {
      headers: { Origin: DOWN },
      multipart: {
        institutionName: 'Secundaria Técnica 42',
        municipalityId: '08037',
        topics: '3',
      },
    });
    expect(res.status()).toBe(503);
    const html = await res.text();
    expect(html).toContain('No pudimos conectar con la base de datos');
    expect(html).toContain('value="Secundaria Técnica 42"');
    // No catalogue could be read on this server: the choices still go back with the form.
    expect(html).toMatch(/<option[^>]*value="08037"[^>]*selected/);
    expect(html).toMatch(/<input type="hidden" name="topics" value="3"/);
  });
});

// A PostgreSQL that goes away and comes back: the app reaches it through a proxy on loopback
// that can be unplugged (it then accepts connections and never answers, like a host that fell
// off the network), so the connection timeout is what bounds the answer.
const PG_URL = process.env.E2E_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const APP_PORT = E2E_PORT + 2;
const PROXY_PORT = E2E_PORT + 3;
const APP = `http://127.0.0.1:${APP_PORT}`;

test.describe('when PostgreSQL goes away and comes back', () => {
  test.describe.configure({ timeout: 180_000 });
  test.use({ baseURL: APP });
  let proxy: ToggleProxy | undefined;
  let app: ChildProcess | undefined;
  let admin: postgres.Sql | undefined;
  const dbName = `vinculo_e2e_outage_${process.pid}`;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    admin = postgres(PG_URL, { max: 1, onnotice: () => {}, connect_timeout: 3 });
    try {
      await admin`select 1`;
    } catch {
      // These tests unplug a real PostgreSQL through a proxy: without a server there is nothing to
      // unplug (the embedded database's failure path is tested below). CI always has one.
      test.skip(true, `no PostgreSQL at ${PG_URL}`);
      return;
    }
    await admin.unsafe(`drop database if exists ${dbName} with (force)`);
    await admin.unsafe(`create database ${dbName}`);
    const target = new URL(PG_URL);
    proxy = await startToggleProxy(PROXY_PORT, { host: target.hostname, port: Number(target.port || 5432) });
    const through = new URL(PG_URL);
    through.port = String(PROXY_PORT);
    through.pathname = `/${dbName}`;
    app = spawn(process.execPath, ['scripts/start.mjs'], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env: {
        ...process.env,
        PORT: String(APP_PORT),
        HOST: '127.0.0.1',
        DATABASE_URL: through.toString(),
        SEED_DEMO: '1',
        PUBLIC_URL: APP,
        RESEND_API_KEY: '',
        JOBS: '0',
        LOG_LEVEL: 'fatal',
        NO_COLOR: '1',
      },
    });
    await expect
      .poll(
        async () => {
          try {
            return (await fetch(`${APP}/healthz`)).status;
          } catch {
            return 0;
          }
        },
        { timeout: 150_000, intervals: [500] },
      )
      .toBe(200);
  });

  test.afterAll(async () => {
    if (app && app.exitCode === null) {
      const exited = new Promise((resolve) => app!.once('exit', resolve));
      app.kill('SIGTERM');
      await exited;
    }
    await proxy?.close();
    if (admin) {
      await admin.unsafe(`drop database if exists ${dbName} with (force)`).catch(() => {});
      await admin.end();
    }
  });

  test('an event registration and a staff form sent during the outage keep every field, and go through once it is back', async ({
    browser,
  }) => {
    const visitor = await browser.newContext({ javaScriptEnabled: false, locale: 'es-MX' });
    const pub = await visitor.newPage();
    await pub.goto(EVENT);
    await pub.getByLabel('Nombre completo').fill('Rosa Elena Gardea');
    await pub.getByLabel('Correo electrónico').fill('rosa.outage@correo.test');
    await pub.getByLabel('Teléfono').fill('614 555 0101');
    await pub.getByLabel('Municipio').selectOption({ label: 'Juárez' });
    await pub.getByLabel('¿Cómo te enteraste del evento?').selectOption({ label: 'Redes sociales' });
    await pub.getByLabel('Necesidades de accesibilidad').fill('Lugar cerca del escenario');
    await pub.getByLabel(/Leí y acepto el aviso de privacidad/).check();

    const staffContext = await browser.newContext({ locale: 'es-MX' });
    const staff = await staffContext.newPage();
    await loginAs(staff, 'comunicacion@vinculo.test', DEMO_PASSWORD);
    await staff.waitForURL(/\/app/);
    await staff.goto('/app/contenido/publicaciones/nueva');
    await staff.getByLabel('Título interno').fill('Cartel durante el apagón');
    const day = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await staff.getByLabel('Fecha y hora de publicación').fill(`${day}T11:00`);
    await staff.getByLabel('Texto de la publicación').fill('Si vives violencia, llámanos: es gratuito.');

    proxy!.down();

    // The time to answer, measured from here without the browser's own work.
    const timedPost = async (path: string, form: Record<string, string>, cookie?: string) => {
      const started = performance.now();
      const res = await fetch(`${APP}${path}`, {
        method: 'POST',
        headers: { Origin: APP, ...(cookie ? { Cookie: cookie } : {}) },
        body: new URLSearchParams(form),
      });
      await res.text();
      return { status: res.status, ms: performance.now() - started };
    };
    const timedRegister = await timedPost(`${EVENT}?_action=events.register`, {
      slug: 'primeros-auxilios-psicologicos-docentes',
      name: 'Otra Persona',
    });
    expect(timedRegister.status).toBe(503);
    expect(timedRegister.ms).toBeLessThan(OUTAGE_ANSWER_MS);

    await pub.getByRole('button', { name: 'Registrarme' }).click();
    await expectOutagePage(pub);
    expect(await keptValues(pub)).toMatchObject({
      name: ['Rosa Elena Gardea'],
      email: ['rosa.outage@correo.test'],
      phone: ['614 555 0101'],
      municipalityId: ['Juárez'],
      heardFrom: ['Redes sociales'],
      accessibilityNeeds: ['Lugar cerca del escenario'],
      consent: ['Sí'],
    });

    // Past the moment the app remembers the failure, a staff post finds out by itself: its
    // session check waits for the connection timeout, then the 503 page keeps what was typed.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const session = (await staffContext.cookies()).find((c) => c.name === 'vinculo_session')!;
    const timedStaff = await timedPost(
      '/app/contenido/publicaciones/nueva?_action=content.createPost',
      { title: 'Otro cartel' },
      `vinculo_session=${session.value}`,
    );
    expect(timedStaff.status).toBe(503);
    expect(timedStaff.ms).toBeLessThan(OUTAGE_ANSWER_MS);

    await staff.getByRole('button', { name: 'Guardar publicación' }).click();
    await expectOutagePage(staff);
    expect(await keptValues(staff)).toMatchObject({
      title: ['Cartel durante el apagón'],
      plannedAt: [`${day}T11:00`],
      copy: ['Si vives violencia, llámanos: es gratuito.'],
    });

    proxy!.up();
    // Sending again from the outage page, once the database answers, goes through.
    await expect
      .poll(async () => (await fetch(`${APP}/healthz`)).status, { timeout: 20_000, intervals: [500] })
      .toBe(200);
    await pub.getByRole('button', { name: 'Enviar de nuevo' }).click();
    await expect(pub.getByRole('status')).toContainText(/Tu lugar está confirmado|lista de espera/);
    await staff.getByRole('button', { name: 'Enviar de nuevo' }).click();
    await expect(staff.getByText('Publicación creada.')).toBeVisible();
    await expect(staff.getByLabel('Título interno')).toHaveValue('Cartel durante el apagón');
    await visitor.close();
    await staffContext.close();
  });
});

// The embedded database's failure path: PGlite cannot open its folder (another live process
// holds the lock), so every request finds the database unavailable, then the lock goes away.
const PGLITE_PORT = E2E_PORT + 4;
const PGLITE_APP = `http://127.0.0.1:${PGLITE_PORT}`;

test.describe('when the embedded database cannot be opened', () => {
  test.describe.configure({ timeout: 120_000 });
  test.use({ baseURL: PGLITE_APP });
  let app: ChildProcess | undefined;
  let dataDir = '';

  test.beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'vinculo-e2e-locked-'));
    // This test process is alive, so its pid in the lock file holds the folder.
    writeFileSync(path.join(dataDir, 'vinculo.lock'), String(process.pid));
    app = spawn(process.execPath, ['scripts/start.mjs'], {
      stdio: ['ignore', 'ignore', 'ignore'],
      env: {
        ...process.env,
        PORT: String(PGLITE_PORT),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        DATABASE_URL: '',
        SEED_DEMO: '0',
        PUBLIC_URL: PGLITE_APP,
        RESEND_API_KEY: '',
        JOBS: '0',
        LOG_LEVEL: 'fatal',
      },
    });
    await expect
      .poll(
        async () => {
          try {
            return (await fetch(`${PGLITE_APP}/healthz`)).status;
          } catch {
            return 0;
          }
        },
        { timeout: 90_000, intervals: [500] },
      )
      .toBe(503);
  });

  test.afterAll(async () => {
    if (app && app.exitCode === null) {
      const exited = new Promise((resolve) => app!.once('exit', resolve));
      app.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('pages and a registration answer the 503 page at once, and the site recovers when it can open', async ({
    page,
    request,
  }) => {
    for (const path of ['/eventos', EVENT]) {
      const started = Date.now();
      const res = await page.goto(path);
      expect({ path, status: res?.status() }).toEqual({ path, status: 503 });
      expect(Date.now() - started, path).toBeLessThan(OUTAGE_ANSWER_MS);
      await expectOutagePage(page);
    }
    const started = Date.now();
    const res = await request.post(`${EVENT}?_action=events.register`, {
      headers: { Origin: PGLITE_APP },
      form: {
        slug: 'primeros-auxilios-psicologicos-docentes',
        name: 'Ana Lilia Terrazas',
        email: 'ana@correo.test',
      },
    });
    expect(res.status()).toBe(503);
    expect(Date.now() - started).toBeLessThan(OUTAGE_ANSWER_MS);
    const html = await res.text();
    expect(html).toContain('Ana Lilia Terrazas');
    expect(html).toContain('ana@correo.test');

    // The other process is gone: the next requests open the database and the site is back.
    rmSync(path.join(dataDir, 'vinculo.lock'));
    await expect
      .poll(async () => (await fetch(`${PGLITE_APP}/healthz`)).status, { timeout: 60_000, intervals: [1000] })
      .toBe(200);
    expect((await page.goto('/eventos'))?.status()).toBe(200);
  });
});
