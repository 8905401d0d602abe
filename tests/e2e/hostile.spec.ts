import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { type APIRequestContext, expect, test } from '@playwright/test';
import { DEMO_PASSWORD } from './helpers';

// Hostile requests against the built server (issue 12), over plain HTTP: no browser needed.

const BASE = `http://127.0.0.1:${process.env.E2E_PORT ?? 4322}`;
const ORIGIN = { Origin: BASE };

async function loginAsAdmin(request: APIRequestContext) {
  const res = await request.post('/login?_action=accounts.login', {
    headers: ORIGIN,
    form: { email: 'coordinacion@vinculo.test', password: DEMO_PASSWORD, next: '/app' },
    maxRedirects: 0,
  });
  expect(res.status()).toBeLessThan(400);
}

test('60,000 fields are refused in under 100 ms while another request is served', async ({ request }) => {
  const body = Array.from({ length: 60_000 }, (_, i) => `f${i}=`).join('&');
  // Warm up both paths once, so the timing is of the check and not of the first compile.
  for (let i = 0; i < 3; i++) {
    await fetch(`${BASE}/healthz`);
    await fetch(`${BASE}/_actions/requests.submit`, {
      method: 'POST',
      headers: { ...ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'a=1&'.repeat(600),
    });
  }

  const timed = async <T>(run: () => Promise<T>) => {
    const started = performance.now();
    const value = await run();
    return { value, ms: performance.now() - started };
  };
  // Node's own fetch, not the test runner's proxy, so the time is the server's.
  const [big, health] = await Promise.all([
    timed(() =>
      fetch(`${BASE}/_actions/requests.submit`, {
        method: 'POST',
        headers: { ...ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' },
        body,
      }),
    ),
    timed(() => fetch(`${BASE}/healthz`)),
  ]);
  expect(big.value.status).toBe(413);
  expect(big.ms).toBeLessThan(100);
  const html = await big.value.text();
  expect(html).toContain('lang="es-MX"');
  expect(html).toContain('Formulario demasiado grande');
  expect(health.value.status).toBe(200);
  expect(health.ms).toBeLessThan(250);

  // The same through the no-JS form post of the public page.
  const page = await request.post('/talleres/solicitar?_action=requests.submit', {
    headers: { ...ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' },
    data: body,
  });
  expect(page.status()).toBe(413);
});

/** script-src of a CSP, checked: present, no unsafe-inline, and every inline script's hash in it. */
async function expectScriptCsp(request: APIRequestContext, path: string) {
  const res = await request.get(path);
  expect(res.status(), path).toBeLessThan(400);
  expect(res.headers()['content-type'], path).toContain('text/html');
  const csp = res.headers()['content-security-policy'] ?? '';
  const scriptSrc = csp
    .split(';')
    .map((d) => d.trim())
    .find((d) => d.startsWith('script-src'));
  expect(scriptSrc, `${path}: ${csp}`).toBeDefined();
  expect(scriptSrc, path).not.toContain('unsafe-inline');
  expect(csp, path).toContain("frame-ancestors 'none'");
  expect(csp, path).toContain("object-src 'none'");
  const html = await res.text();
  for (const match of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
    const hash = createHash('sha256').update(match[1]!).digest('base64');
    expect(scriptSrc, `${path}: inline script not allowed by the CSP`).toContain(`'sha256-${hash}'`);
  }
  return { csp, cache: res.headers()['x-page-cache'] };
}

test('every public page carries the script CSP, from the page cache or not', async ({ request }) => {
  const links = async (path: string, pattern: RegExp) => {
    const html = await (await request.get(path)).text();
    return [...new Set([...html.matchAll(pattern)].map((m) => m[1]!))];
  };
  const workshops = await links('/talleres', /href="(\/talleres\/(?!solicitar)[a-z0-9-]+)"/g);
  const events = await links('/eventos', /href="(\/eventos\/(?!imagen)[a-z0-9-]+)"/g);
  const enWorkshops = await links('/en/talleres', /href="(\/en\/talleres\/(?!solicitar)[a-z0-9-]+)"/g);
  const enEvents = await links('/en/eventos', /href="(\/en\/eventos\/[a-z0-9-]+)"/g);
  expect(workshops.length).toBeGreaterThan(0);
  const pages = [
    '/',
    '/en',
    '/talleres',
    '/en/talleres',
    '/talleres/solicitar',
    '/en/talleres/solicitar',
    '/aviso-de-privacidad',
    '/en/aviso-de-privacidad',
    '/eventos',
    '/en/eventos',
    '/login',
    '/contrasena/olvide',
    ...workshops,
    ...enWorkshops,
    ...events,
    ...enEvents,
  ];
  const seenFromCache = new Set<string>();
  for (const path of pages) {
    // First render (miss or uncached), then again (a hit for cacheable pages): the same policy.
    const first = await expectScriptCsp(request, path);
    const second = await expectScriptCsp(request, path);
    expect(second.csp, path).toBe(first.csp);
    // And the same as Astro gives the page when it renders it outside the cache (a query string
    // is never cached): the cache must not swap Astro's policy for another.
    const direct = await expectScriptCsp(request, `${path}?sin-cache=1`);
    expect(direct.cache, path).toBeUndefined();
    expect(second.csp, path).toBe(direct.csp);
    if (second.cache === 'hit') seenFromCache.add(path);
  }
  // The cache is really in play for the content pages.
  expect([...seenFromCache]).toEqual(
    expect.arrayContaining(['/', '/en', '/talleres', '/aviso-de-privacidad']),
  );
});

test('staff pages carry the script CSP too', async ({ request }) => {
  await loginAsAdmin(request);
  for (const path of [
    '/app',
    '/app/agenda',
    '/app/agenda/lista',
    '/app/casos',
    '/app/casos/nuevo',
    '/app/contenido',
    '/app/eventos',
    '/app/reportes',
    '/app/admin/auditoria',
    '/app/admin/usuarios',
    '/app/perfil',
    '/app/bitacora',
    '/app/directorio',
    '/app/solicitudes',
    '/app/correo',
  ]) {
    await expectScriptCsp(request, path);
  }
});

test('error pages from the middleware carry a script CSP', async ({ request }) => {
  const res = await request.post('/_actions/requests.submit', {
    headers: { ...ORIGIN, 'Content-Type': 'text/plain' },
    data: 'hola',
  });
  expect(res.status()).toBe(415);
  const csp = res.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain("'unsafe-inline'; script");
});

test('a NUL in a public form is dropped, and a NUL in an address is a 404', async ({ request }) => {
  for (const path of [
    '/eventos/%00',
    '/talleres/%00',
    '/en/eventos/%00',
    '/solicitud/%00',
    '/registro/%0d%0a',
  ]) {
    const res = await request.get(path);
    expect({ path, status: res.status() }).toEqual({ path, status: 404 });
    expect(await res.text()).toContain('No encontramos esta página.');
  }
  // The workshop request form with a NUL in the institution: an ordinary answer, never a 503.
  const res = await request.post('/talleres/solicitar?_action=requests.submit', {
    headers: ORIGIN,
    form: { institutionName: 'Escuela\u0000X', consent: 'on' },
  });
  expect(res.status()).toBeLessThan(500);
  expect(await res.text()).not.toContain('No pudimos conectar con la base de datos');
});

test('a damaged percent-encoding in an address gets a Spanish 400 in the layout, with the CSP', async ({
  request,
}) => {
  for (const [path, text] of [
    ['/eventos/%E0%A4%A', 'Esta dirección está dañada'],
    ['/?q=%', 'Esta dirección está dañada'],
    ['/app/casos/%C0%80', 'Volver al inicio del equipo'],
    ['/en/%ZZ', 'This address is damaged'],
  ] as const) {
    const res = await request.get(path);
    expect({ path, status: res.status() }).toEqual({ path, status: 400 });
    const html = await res.text();
    expect(html).toContain(text);
    expect(html).not.toContain('Bad request.');
    expect(res.headers()['content-security-policy']).toContain('script-src');
  }
  // A form posted to such an address is not read: the same page.
  const res = await request.post('/talleres/solicitar%?_action=requests.submit', {
    headers: ORIGIN,
    form: { institutionName: 'Escuela' },
  });
  expect(res.status()).toBe(400);
  expect(await res.text()).toContain('Esta dirección está dañada');
});

test('ids past the integer range are a 404, bad filters are ignored with a notice', async ({ request }) => {
  expect((await request.get('/eventos/imagen/2147483648')).status()).toBe(404);
  expect((await request.get('/eventos/imagen/1e3')).status()).toBe(404);
  await loginAsAdmin(request);
  for (const path of [
    '/app/eventos/2147483648',
    '/app/eventos/2147483648/asistencia',
    '/app/eventos/2147483648/registros.csv',
    '/app/eventos/2147483648/asistencia/datos.json',
    '/app/agenda/2147483648',
    '/app/agenda/programar/2147483648',
    '/app/solicitudes/2147483648',
    '/app/directorio/2147483648',
    '/app/contenido/campanas/2147483648',
    '/app/contenido/publicaciones/2147483648',
    '/app/contenido/recursos/2147483648',
    '/app/admin/usuarios/2147483648',
    '/app/admin/catalogo/2147483648',
    '/app/correo/99999999999999999999',
    '/app/solicitudes/-1',
  ]) {
    const res = await request.get(path);
    expect({ path, status: res.status() }).toEqual({ path, status: 404 });
  }
  for (const [path, notice] of [
    ['/app/bitacora?operador=2147483648', 'persona'],
    ['/app/bitacora?dia=2026-02-31&turno=toString', 'día, turno'],
    ['/app/admin/auditoria?accion=%00', 'acción'],
    ['/app/admin/auditoria?familia=%00', 'tipo de acción'],
    ['/app/seguimientos?persona=2147483648', 'persona'],
  ] as const) {
    const res = await request.get(path);
    expect({ path, status: res.status() }).toEqual({ path, status: 200 });
    expect(await res.text(), path).toContain(
      `Ignoramos ${notice.includes(',') ? 'los filtros' : 'el filtro'} «${notice}»`,
    );
  }
  const feed = await request.get(
    '/app/agenda/feed.json?operador=2147483648&start=2026-12-01T00:00:00Z&end=2026-12-08T00:00:00Z',
  );
  expect(feed.status()).toBe(200);
});

test('malformed bodies get a Spanish 400 or 415, and a CR/LF in next= is a safe redirect', async ({
  request,
}) => {
  // A Buffer, so the runner sends the bytes as they are (a string would be re-encoded as JSON).
  const send = (path: string, type: string | null, data: string) =>
    request.post(path, {
      headers: { ...ORIGIN, ...(type ? { 'Content-Type': type } : {}) },
      data: Buffer.from(data),
      maxRedirects: 0,
    });
  // JSON, broken or not, to actions that take forms: a Spanish 415; broken JSON to a JSON action: 400.
  const cases: [string, string, number][] = [];
  for (const action of ['requests.submit', 'events.register', 'accounts.login', 'accounts.forgotPassword'])
    for (const path of [`/_actions/${action}`, `/login?_action=${action}`])
      for (const body of ['{"name": "x",', '{"name": "x"}']) cases.push([path, body, 415]);
  cases.push(['/_actions/scheduling.moveActivity', '{"id": 1,', 400]);
  for (const [path, body, status] of cases) {
    const res = await send(path, 'application/json', body);
    expect({ path, body, status: res.status() }).toEqual({ path, body, status });
    expect(await res.text()).toMatch(/formulario/i);
  }
  await loginAsAdmin(request);
  for (const path of [
    '/registro/abc?_action=events.cancelRegistration',
    '/app/casos',
    '/app/casos/exportar',
    '/app/contenido/publicaciones/1',
  ]) {
    for (const [type, status] of [
      ['text/plain', 415],
      ['multipart/form-data', 400],
      ['multipart/form-data; boundary=xyz', 400],
    ] as const) {
      const res = await send(path, type, 'folio=LC-2026-00001');
      expect({ path, type, status: res.status() }).toEqual({ path, type, status });
      const html = await res.text();
      expect(html).toContain('lang="es-MX"');
      expect(html).toMatch(/formulario/i);
    }
  }

  // Valid credentials with a header injection in next=: logged in, sent to /app.
  const fresh = await request.post('/login?_action=accounts.login', {
    headers: ORIGIN,
    form: { email: 'supervision@vinculo.test', password: DEMO_PASSWORD, next: '/app?\r\nX-Injected: 1' },
    maxRedirects: 0,
  });
  expect(fresh.status()).toBeGreaterThanOrEqual(300);
  expect(fresh.status()).toBeLessThan(400);
  expect(fresh.headers()['location']).toBe('/app');
  expect(fresh.headers()['x-injected']).toBeUndefined();
});

/** A file that starts like a PNG, of `bytes` bytes. */
function pngOf(bytes: number): Buffer {
  const png = Buffer.alloc(bytes, 7);
  png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return png;
}

test('event covers: 2 MB saves; over 2 MB is refused beside the field with everything typed kept', async ({
  page,
}) => {
  await page.goto('/login');
  await page.getByLabel('Correo electrónico').fill('comunicacion@vinculo.test');
  await page.getByLabel('Contraseña', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Entrar' }).click();
  await page.waitForURL(/\/app/);
  const day = new Date(Date.now() + 12 * 86_400_000).toISOString().slice(0, 10);
  const fill = async (title: string) => {
    await page.goto('/app/eventos/nuevo');
    await page.getByLabel('Título', { exact: true }).fill(title);
    await page.getByLabel('Lugar', { exact: true }).fill('Gimnasio Municipal de Delicias');
    await page.getByLabel('Municipio').selectOption('08021');
    await page.getByLabel('Inicio').fill(`${day}T17:00`);
    await page.getByLabel('Término').fill(`${day}T19:00`);
    await page.getByLabel('El registro abre').fill(`${day}T09:00`);
    await page.getByLabel('El registro cierra').fill(`${day}T12:00`);
    await page.getByLabel('Cupo (personas)').fill('40');
  };

  // Just over 2 MB (a phone photo is bigger still): a message beside the field, nothing lost.
  const title = `Feria de prevención ${Date.now().toString(36)}`;
  await fill(title);
  await page
    .getByLabel('Imagen de portada')
    .setInputFiles({ name: 'portada.png', mimeType: 'image/png', buffer: pngOf(2 * 1024 * 1024 + 1) });
  const refused = page.waitForResponse((r) => r.request().method() === 'POST');
  await page.getByRole('button', { name: 'Guardar borrador' }).click();
  expect((await refused).status()).toBe(400);
  await expect(page.locator('#f-cover-error')).toHaveText(
    'La imagen pesa más de 2 MB: redúcela e inténtalo de nuevo.',
  );
  await expect(page.getByLabel('Imagen de portada')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Título', { exact: true })).toHaveValue(title);
  await expect(page.getByLabel('Lugar', { exact: true })).toHaveValue('Gimnasio Municipal de Delicias');
  await expect(page.getByLabel('Municipio')).toHaveValue('08021');
  await expect(page.getByLabel('Cupo (personas)')).toHaveValue('40');
  // A 9 MB photo too: still beside the field, never the bare 413 of the action's body limit.
  await page
    .getByLabel('Imagen de portada')
    .setInputFiles({ name: 'foto.png', mimeType: 'image/png', buffer: pngOf(9 * 1024 * 1024) });
  await page.getByRole('button', { name: 'Guardar borrador' }).click();
  await expect(page.locator('#f-cover-error')).toHaveText(/pesa más de 2 MB/);
  await expect(page.getByLabel('Título', { exact: true })).toHaveValue(title);

  // Exactly 2 MB (over Astro's default 1 MiB action body): saved, and the cover is served.
  await page
    .getByLabel('Imagen de portada')
    .setInputFiles({ name: 'portada.png', mimeType: 'image/png', buffer: pngOf(2 * 1024 * 1024) });
  await page.getByRole('button', { name: 'Guardar borrador' }).click();
  await expect(page.getByText('Evento guardado como borrador')).toBeVisible();
  const cover = page.locator('img.current-cover');
  await expect(cover).toBeVisible();
  const src = (await cover.getAttribute('src'))!;
  const image = await page.request.get(src);
  expect(image.status()).toBe(200);
  expect((await image.body()).byteLength).toBe(2 * 1024 * 1024);
});

test('a 200 MB chunked upload is cut off at the limit: memory barely grows, the answer says why', async () => {
  const login = await fetch(`${BASE}/login?_action=accounts.login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: 'comunicacion@vinculo.test', password: DEMO_PASSWORD, next: '/app' }),
  });
  const cookie = login.headers
    .getSetCookie()
    .find((c) => c.startsWith('vinculo_session='))!
    .split(';')[0]!;
  // The server's own memory, read from /proc by the pid listening on the port.
  const listening = execFileSync('ss', ['-ltnpH', `sport = :${new URL(BASE).port}`], { encoding: 'utf8' });
  const pid = Number(/pid=(\d+)/.exec(listening)?.[1]);
  expect(pid).toBeGreaterThan(0);
  const rss = async () =>
    Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
  const before = await rss();
  const boundary = 'limite200mb';
  const chunk = Buffer.alloc(1024 * 1024, 0x41);
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === 0)
        controller.enqueue(
          Buffer.from(
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="video.png"\r\nContent-Type: image/png\r\n\r\n`,
          ),
        );
      if (sent >= 200) {
        controller.enqueue(Buffer.from(`\r\n--${boundary}--\r\n`));
        controller.close();
        return;
      }
      sent++;
      controller.enqueue(chunk);
    },
  });
  let peak = before;
  const sampler = setInterval(() => {
    void rss().then((mb) => (peak = Math.max(peak, mb)));
  }, 100);
  const { status, html } = await (async () => {
    try {
      const res = await fetch(`${BASE}/app/contenido/publicaciones/1`, {
        method: 'POST',
        // @ts-expect-error Node's fetch needs it for a streamed body
        duplex: 'half',
        headers: { ...ORIGIN, cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
        body,
      });
      return { status: res.status, html: await res.text() };
    } finally {
      clearInterval(sampler);
    }
  })();
  peak = Math.max(peak, await rss());
  expect(status).toBe(413);
  expect(html).toContain('Formulario demasiado grande');
  expect(html).toContain('demasiado grande');
  // Far less than the 200 MB offered was read.
  expect(sent).toBeLessThan(100);
  expect(peak - before).toBeLessThan(20);
});

test('a tampered hidden field or a damaged form says what happened, in Spanish, in the layout', async ({
  request,
}) => {
  const slug = 'primeros-auxilios-psicologicos-docentes';
  const posts: { path: string; form?: Record<string, string>; type?: string; data?: string }[] = [
    { path: '/registro/aaaaaaaaaaaaaaaaaaaaaaaaaa?_action=events.cancelRegistration', form: { token: 'x' } },
    {
      path: '/registro/aaaaaaaaaaaaaaaaaaaaaaaaaa?_action=events.cancelRegistration',
      form: { token: 'b'.repeat(26) },
    },
    { path: `/eventos/${slug}?_action=events.register`, form: { slug: 'no-existe', privacyNoticeId: '999' } },
    { path: `/eventos/${slug}?_action=events.register`, form: { slug, privacyNoticeId: '2147483648' } },
    {
      path: '/talleres/solicitar?_action=requests.submit',
      form: { startedAt: 'ayer', privacyNoticeId: 'x' },
    },
    { path: '/solicitud/aaaaaaaaaaaaaaaaaaaaaaaa?_action=requests.cancel', form: { token: 'zz' } },
    {
      path: '/contrasena/aaaa?_action=accounts.setPassword',
      form: { token: '%00', password: 'a', confirm: 'b' },
    },
    { path: '/talleres/solicitar?_action=requests.submit', type: 'text/plain', data: 'hola' },
    { path: '/talleres/solicitar?_action=requests.submit', type: 'multipart/form-data', data: 'hola' },
    {
      path: `/eventos/${slug}?_action=events.register`,
      type: 'application/x-www-form-urlencoded',
      data: `name=${'x'.repeat(1_100_000)}`,
    },
  ];
  for (const post of posts) {
    const res = await request.post(post.path, {
      headers: { ...ORIGIN, ...(post.type ? { 'Content-Type': post.type } : {}) },
      ...(post.form ? { form: post.form } : { data: Buffer.from(post.data!) }),
      maxRedirects: 0,
    });
    const where = `${post.path} ${JSON.stringify(post.form ?? post.type)}`;
    expect([400, 404, 409, 413, 415], where).toContain(res.status());
    const html = await res.text();
    expect(html, where).toContain('<html lang="es-MX"');
    // The site's layout: its header with the phone, and a heading that says what happened.
    expect(html, where).toContain('class="site-header"');
    expect(html, where).toMatch(/<h1[^>]*>[^<]+<\/h1>/);
    expect(html, where).not.toContain('Algo salió mal de nuestro lado');
    expect(html, where).not.toMatch(/Bad Request|Payload Too Large|Unsupported Media Type/);
  }
});
