// Fuzz harness (issue 12): starts the built server (dist/) on a throwaway embedded database,
// sends fast-check-generated hostile inputs to every public form and, logged in, to the staff
// case, content and event forms, then stops the server and reads the database. It counts, per
// form: 5xx answers, answers that are not a Spanish message, and saved rows that should not have
// been saved (control characters, CR/LF in single-line fields, names without a letter, text not
// in NFC, phones not in E.164). Exits 1 if any count is above 0.
//
// Run: `npx astro build && node bench/fuzz.mjs` (FUZZ_RUNS inputs per form, default 1000;
// FUZZ_PORT, default 4391; FUZZ_SEED for a reproducible run; DATABASE_URL to use PostgreSQL
// instead, which must be an empty database). `npm test` runs it with FUZZ_RUNS=200.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { SERVER_NODE_FLAGS } from '../scripts/node-flags.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const PORT = Number(process.env.FUZZ_PORT ?? 4391);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
const CONCURRENCY = Number(process.env.FUZZ_CONCURRENCY ?? 4);
const BASE = `http://127.0.0.1:${PORT}`;
const DEMO_PASSWORD = 'linea-ciudadana-demo';
const pgUrl = process.env.DATABASE_URL || '';
const dataDir = pgUrl ? null : mkdtempSync(path.join(tmpdir(), 'vinculo-fuzz-'));

// ---------------------------------------------------------------- server
function startServer() {
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'scripts/start.mjs'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir ?? '',
      DATABASE_URL: pgUrl,
      SEED_DEMO: '1',
      PUBLIC_URL: BASE,
      // Every input comes from its own address, so the per-IP limits do not hide the forms.
      TRUST_PROXY: '1',
      RESEND_API_KEY: '',
      LOG_LEVEL: 'silent',
    },
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
    if (stderr.length > 20_000) stderr = stderr.slice(-10_000);
  });
  return { child, stderr: () => stderr };
}

// Seeding a fresh database takes ~20 s on a quiet machine and minutes on a loaded one.
const START_TIMEOUT_S = Number(process.env.FUZZ_START_TIMEOUT ?? 300);
async function waitHealthy(server) {
  for (let i = 0; i < START_TIMEOUT_S * 4; i++) {
    if (server.child.exitCode !== null) throw new Error(`el servidor terminó:\n${server.stderr()}`);
    try {
      const res = await fetch(`${BASE}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`el servidor no respondió a /healthz en ${START_TIMEOUT_S} s`);
}

async function stopServer(server) {
  if (server.child.exitCode !== null) return;
  const exited = new Promise((r) => server.child.once('exit', r));
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

// ---------------------------------------------------------------- forms
let ipCounter = 0;
const nextIp = () => {
  ipCounter++;
  return `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
};

async function get(pathname, cookie) {
  const res = await fetch(BASE + pathname, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

const attr = (tag, name) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`, 'i').exec(tag);
  return m
    ? m[1]
        .replace(/&amp;/g, '&')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
    : null;
};

/** The fields of the form posting to `?_action=<action>` in a page, with plausible values. */
function scrapeForm(html, action) {
  const forms = html.split(/<form\b/i).slice(1);
  const form = forms.find((f) => f.slice(0, f.indexOf('>')).includes(`_action=${action}`));
  if (!form) return null;
  const body = form.slice(0, form.search(/<\/form>/i));
  const fields = new Map();
  const add = (name, value) => {
    if (!fields.has(name)) fields.set(name, value);
  };
  for (const m of body.matchAll(/<(input|select|textarea)\b[^>]*>/gi)) {
    const tag = m[0];
    const name = attr(tag, 'name');
    if (!name) continue;
    const kind = m[1].toLowerCase();
    const type = (attr(tag, 'type') ?? 'text').toLowerCase();
    if (kind === 'select') {
      const rest = body.slice(m.index);
      const options = rest.slice(0, rest.search(/<\/select>/i));
      const values = [...options.matchAll(/<option\b[^>]*value="([^"]+)"/gi)].map((o) => o[1]);
      add(name, values[0] ?? '');
    } else if (kind === 'textarea') add(name, 'Texto de prueba');
    else if (type === 'checkbox' || type === 'radio') add(name, attr(tag, 'value') ?? 'on');
    else if (type === 'hidden') add(name, attr(tag, 'value') ?? '');
    else if (type === 'file' || type === 'submit' || type === 'button') continue;
    else add(name, plausible(name, type, attr(tag, 'value')));
  }
  return Object.fromEntries(fields);
}

const future = (days) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
function plausible(name, type, value) {
  if (value) return value;
  if (type === 'email' || /email|correo/i.test(name))
    return `fuzz${Math.floor(Math.random() * 1e9)}@example.mx`;
  if (type === 'tel' || /phone|telefono/i.test(name)) return '614 123 4567';
  if (type === 'number' || /count|capacity|size|age/i.test(name)) return '20';
  if (type === 'date' || /date$/i.test(name)) return future(12);
  if (type === 'time' || /(from|to)$/i.test(name)) return /to$/i.test(name) ? '11:00' : '09:00';
  if (type === 'datetime-local' || /At$/.test(name))
    return /ends/i.test(name)
      ? `${future(20)}T19:00`
      : /closes/i.test(name)
        ? `${future(19)}T12:00`
        : /opens/i.test(name)
          ? `${future(-1)}T09:00`
          : `${future(20)}T17:00`;
  if (type === 'password' || /password|confirm|current/i.test(name)) return 'girasoles en el desierto';
  if (/name|nombre/i.test(name)) return 'María Guadalupe Ontiveros Peña';
  return 'Escuela Secundaria Estatal 3013';
}

// ---------------------------------------------------------------- inputs
const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }), // lone surrogates: invalid UTF-8 once encoded
  fc.string({ minLength: 2_000, maxLength: 12_000 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    'Escuela\u0000X',
    '\u200B\u200C\u200D\uFEFF',
    '\u202Egnp.exe',
    'مدرسة الأمل',
    'שלום עולם',
    '👩🏽‍🏫🏫🎒',
    'línea\r\nX-Injected: 1',
    '\u0007\u0008\u001B[31m',
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1 --",
    "'; DROP TABLE users; --",
    '${7*7}{{7*7}}',
    '../../etc/passwd',
    '%00%ff%fe',
    '2147483648',
    '-1',
    '1e309',
    'NaN',
    '2026-02-31',
    '25:61',
    '12345678901234567890123',
    'true',
    '[]',
    '{"a":1}',
    'e\u0301',
  ),
);

const fieldMutation = fc.oneof(
  { weight: 6, arbitrary: hostileString.map((v) => ({ kind: 'set', v })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'drop' }) },
  { weight: 1, arbitrary: fc.tuple(hostileString, hostileString).map((vs) => ({ kind: 'many', vs })) },
);

const bodyKind = fc.oneof(
  { weight: 14, arbitrary: fc.constant('urlencoded') },
  { weight: 4, arbitrary: fc.constant('multipart') },
  { weight: 1, arbitrary: fc.constant('json') },
  { weight: 1, arbitrary: fc.constant('text') },
  { weight: 1, arbitrary: fc.constant('no-boundary') },
  { weight: 1, arbitrary: fc.constant('bad-utf8') },
  { weight: 1, arbitrary: fc.constant('truncated-multipart') },
  { weight: 1, arbitrary: fc.constant('huge') },
  { weight: 1, arbitrary: fc.constant('empty') },
);

const inputArb = (names) =>
  fc.record({
    mutations: fc.dictionary(fc.constantFrom(...names), fieldMutation, {
      maxKeys: Math.min(4, names.length),
    }),
    extra: fc.option(fc.tuple(fc.string({ minLength: 1, maxLength: 12 }), hostileString), { nil: null }),
    body: bodyKind,
  });

function buildEntries(base, input) {
  const entries = [];
  for (const [name, value] of Object.entries(base)) {
    const m = input.mutations[name];
    if (!m) entries.push([name, value]);
    else if (m.kind === 'set') entries.push([name, m.v]);
    else if (m.kind === 'many') for (const v of m.vs) entries.push([name, v]);
  }
  if (input.extra) entries.push(input.extra);
  return entries;
}

function encodeBody(entries, kind) {
  if (kind === 'json')
    return { type: 'application/json', body: JSON.stringify(Object.fromEntries(entries)).slice(0, -1) };
  if (kind === 'text') return { type: 'text/plain', body: entries.map(([k, v]) => `${k}=${v}`).join('\n') };
  if (kind === 'empty') return { type: 'application/x-www-form-urlencoded', body: '' };
  if (kind === 'bad-utf8') {
    const parts = entries.map(([k, v]) => Buffer.from(`${encodeURIComponent(k)}=${encodeURIComponent(v)}`));
    return {
      type: 'application/x-www-form-urlencoded',
      body: Buffer.concat([
        ...parts.flatMap((p) => [p, Buffer.from('&')]),
        Buffer.from([0x78, 0x3d, 0xff, 0xfe, 0xc0, 0xaf]),
      ]),
    };
  }
  if (kind === 'huge') {
    const params = new URLSearchParams(entries);
    params.append('relleno', 'x'.repeat(3 * 1024 * 1024));
    return { type: 'application/x-www-form-urlencoded', body: params.toString() };
  }
  if (kind === 'urlencoded') {
    // Lone surrogates cannot go through URLSearchParams unchanged; encode them by hand.
    const enc = (s) => encodeURIComponent(s.toWellFormed());
    return {
      type: 'application/x-www-form-urlencoded',
      body: entries.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&'),
    };
  }
  const boundary = `----fuzz${Math.random().toString(36).slice(2)}`;
  const parts = entries.map(
    ([k, v]) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${k.replace(/"/g, '%22')}"\r\n\r\n${v}\r\n`,
  );
  let body = `${parts.join('')}--${boundary}--\r\n`;
  if (kind === 'truncated-multipart') body = body.slice(0, Math.max(10, Math.floor(body.length / 2)));
  const type = kind === 'no-boundary' ? 'multipart/form-data' : `multipart/form-data; boundary=${boundary}`;
  return { type, body };
}

// ---------------------------------------------------------------- answers
// Spanish: an accent or one of its commonest short words; English: the words an untranslated
// framework or validation message would carry.
const SPANISH =
  /[áéíóúñ¿¡]|\b(de|la|el|los|las|del|que|en|un|una|tu|tus|por|con|para|es|no|se|ya|al|lo|su|más|elige|escribe|revisa|marca|texto|demasiado|largo|corto|falta|dato|fecha|hora|correo|nombre|canal|campo|formulario|enlace|sesi[oó]n)\b/i;
const ENGLISH =
  /\b(the|must|please|invalid|expected|required)\b|\b(Internal Server Error|Bad Request|Forbidden|Not Found|Payload Too Large|Unsupported Media Type|Something went wrong|Error:)\b/;

const ZOD_ENGLISH =
  /Invalid input|expected (string|number|array)|received (undefined|array|string)|Too (big|small)|Required\b/;

let lastUnclear = '';

/** A Spanish message the person can read: an alert, a notice, a field error or the page's heading. */
function isSpanishMessage(status, html, location) {
  if (status >= 300 && status < 400)
    return !!location && (location.startsWith('/') || location.startsWith(BASE));
  if (!/<html[^>]*\slang="es/i.test(html)) return false;
  const visible = html.replace(/<script[\s\S]*?<\/script>/gi, '');
  const text = (m) => m[1].replace(/<[^>]+>/g, ' ').trim();
  const messages = [
    ...visible.matchAll(/<(?:div|p)[^>]*role="(?:alert|status)"[^>]*>([\s\S]*?)<\/(?:div|p)>/gi),
    ...visible.matchAll(/<p[^>]*class="field-error"[^>]*>([\s\S]*?)<\/p>/gi),
  ].map(text);
  const heading = /<h1[^>]*>([\s\S]*?<\/h1>\s*(?:<p[^>]*>[\s\S]*?<\/p>)?)/i.exec(visible);
  const spanish = (t) => SPANISH.test(t) && !ENGLISH.test(t) && !ZOD_ENGLISH.test(t);
  if (messages.length) {
    const wrong = messages.find((t) => t !== '' && !spanish(t));
    if (wrong !== undefined) lastUnclear = wrong;
    return wrong === undefined;
  }
  // No alert: a page whose heading says what happened (the success page, an error page).
  return !!heading && spanish(text(heading)) && (status >= 400 || !/aria-invalid="true"/.test(visible));
}

/** What a person would read first: the alerts and the heading, for the report's examples. */
function summary(html) {
  const alerts = [
    ...html.matchAll(/role="(?:alert|status)"[^>]*>([\s\S]*?)<\/(?:div|p|section)>/gi),
    ...html.matchAll(/<p[^>]*class="field-error"[^>]*>([\s\S]*?)<\/p>/gi),
  ].map((m) => m[1]);
  const h1 = /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1] ?? '';
  return (
    [h1, ...alerts]
      .map((t) =>
        t
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .trim(),
      )
      .filter(Boolean)
      .join(' | ') || html.slice(0, 200)
  );
}

// ---------------------------------------------------------------- rows
// Tables written by the fuzzed forms, and which of their text columns are single-line,
// names (must hold a letter) or phones (E.164 or empty).
const TABLES = {
  workshop_requests: { form: 'solicitud de taller', since: 'created_at', phones: ['contact_phone'] },
  event_registrations: { form: 'registro a evento', since: 'created_at', phones: ['phone'] },
  cases: { form: 'caso nuevo', since: 'opened_at', phones: [] },
  contacts: { form: 'caso nuevo', since: 'created_at', phones: [] },
  content_posts: { form: 'publicación nueva', since: 'created_at', phones: [] },
  events: { form: 'evento nuevo', since: 'created_at', phones: [] },
};
const SINGLE_LINE =
  /(^|_)(name|title|email|phone|role|slug|place|folio|municipality_id|city|alt)$|^(person_name|contact_name|institution_name|contact_email|contact_phone)$/;
const NAME = /(^|_)name$/;
// Control characters other than tab, newline and carriage return (those are judged per column).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function rowProblems(column, value, phones) {
  if (typeof value !== 'string' || value === '') return null;
  if (CONTROL.test(value)) return 'carácter de control';
  if (value !== value.normalize('NFC')) return 'texto no NFC';
  if (SINGLE_LINE.test(column) && /[\r\n]/.test(value)) return 'salto de línea en un campo de una línea';
  if (NAME.test(column) && !/\p{L}/u.test(value)) return 'nombre sin letras';
  if (phones.includes(column) && !/^\+[1-9]\d{6,14}$/.test(value)) return 'teléfono fuera de E.164';
  return null;
}

async function openDb() {
  if (pgUrl) {
    const { default: postgres } = await import('postgres');
    const sql = postgres(pgUrl, { max: 1, onnotice: () => {} });
    return { query: (q, p) => sql.unsafe(q, p), close: () => sql.end() };
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { btree_gist } = await import('@electric-sql/pglite/contrib/btree_gist');
  const { pg_trgm } = await import('@electric-sql/pglite/contrib/pg_trgm');
  const client = await PGlite.create(dataDir, { extensions: { btree_gist, pg_trgm } });
  return { query: async (q, p) => (await client.query(q, p)).rows, close: () => client.close() };
}

async function badRows(since) {
  const db = await openDb();
  const counts = {};
  const examples = [];
  try {
    for (const [table, { form, since: sinceColumn, phones }] of Object.entries(TABLES)) {
      const columns = await db.query(
        `select column_name from information_schema.columns where table_schema = 'public' and table_name = $1 and data_type in ('text', 'character varying')`,
        [table],
      );
      const rows = await db.query(`select * from ${table} where ${sinceColumn} >= $1`, [since.toISOString()]);
      for (const row of rows) {
        const problems = columns
          .map(({ column_name: c }) => [c, rowProblems(c, row[c], phones)])
          .filter(([, p]) => p);
        if (problems.length) {
          counts[form] = (counts[form] ?? 0) + 1;
          if (examples.length < 10)
            examples.push(`${table}#${row.id}: ${problems.map(([c, p]) => `${c} (${p})`).join(', ')}`);
        }
      }
    }
  } finally {
    await db.close();
  }
  return { counts, examples };
}

// ---------------------------------------------------------------- run
async function login(email) {
  const body = new URLSearchParams({ email, password: DEMO_PASSWORD, next: '/app' });
  const res = await fetch(`${BASE}/login?_action=accounts.login`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: BASE,
      'x-forwarded-for': nextIp(),
    },
    body,
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('vinculo_session='));
  if (!cookie) throw new Error(`no se pudo iniciar sesión como ${email} (HTTP ${res.status})`);
  return cookie.split(';')[0];
}

async function findOpenEventSlug() {
  const list = await get('/eventos');
  for (const m of list.text.matchAll(/href="\/eventos\/([a-z0-9-]+)"/g)) {
    const page = await get(`/eventos/${m[1]}`);
    if (page.text.includes('_action=events.register')) return m[1];
  }
  return null;
}

async function defineForms() {
  const [staff, comms] = await Promise.all([
    login('supervision@vinculo.test'),
    login('comunicacion@vinculo.test'),
  ]);
  const slug = await findOpenEventSlug();
  const forms = [
    { name: 'solicitud de taller', page: '/talleres/solicitar', action: 'requests.submit', fresh: true },
    ...(slug ? [{ name: 'registro a evento', page: `/eventos/${slug}`, action: 'events.register' }] : []),
    {
      name: 'cancelar registro',
      page: '/registro/aaaaaaaaaaaaaaaaaaaaaaaaaa',
      action: 'events.cancelRegistration',
      base: { token: 'aaaaaaaaaaaaaaaaaaaaaaaaaa' },
    },
    { name: 'inicio de sesión', page: '/login', action: 'accounts.login' },
    { name: 'olvidé mi contraseña', page: '/contrasena/olvide', action: 'accounts.forgotPassword' },
    {
      name: 'elegir contraseña',
      page: '/contrasena/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
      action: 'accounts.setPassword',
      base: {
        token: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
        password: 'girasoles en el desierto',
        confirm: 'girasoles en el desierto',
      },
    },
    { name: 'caso nuevo', page: '/app/casos/nuevo', action: 'cases.saveContact', cookie: staff },
    {
      name: 'publicación nueva',
      page: '/app/contenido/publicaciones/nueva',
      action: 'content.createPost',
      cookie: comms,
    },
    { name: 'evento nuevo', page: '/app/eventos/nuevo', action: 'events.createEvent', cookie: comms },
  ];
  for (const form of forms) {
    const page = await get(form.page, form.cookie);
    const scraped = scrapeForm(page.text, form.action);
    form.base = { ...(scraped ?? {}), ...(form.base ?? {}) };
    if (!scraped && !form.base) throw new Error(`no encontré el formulario ${form.action} en ${form.page}`);
  }
  return { forms, missingEvent: !slug };
}

async function send(form, input) {
  const base = { ...form.base };
  if ('startedAt' in base) base.startedAt = String(Date.now() - 20_000);
  const entries = buildEntries(base, input);
  const { type, body } = encodeBody(entries, input.body);
  const headers = { 'content-type': type, origin: BASE, 'x-forwarded-for': nextIp() };
  if (form.cookie) headers.cookie = form.cookie;
  try {
    const res = await fetch(`${BASE}${form.page}?_action=${form.action}`, {
      method: 'POST',
      redirect: 'manual',
      headers,
      body,
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    lastUnclear = '';
    const ok = isSpanishMessage(res.status, text, res.headers.get('location'));
    return { status: res.status, ok, text: lastUnclear ? `«${lastUnclear}»` : summary(text) };
  } catch (error) {
    return { status: 0, ok: false, text: String(error) };
  }
}

const server = startServer();
let exitCode = 0;
try {
  await waitHealthy(server);
  const { forms, missingEvent } = await defineForms();
  const since = new Date(Date.now() - 1000);
  const results = {};
  const samples = [];
  const started = performance.now();
  for (const form of forms) {
    const names = Object.keys(form.base);
    const inputs = fc.sample(inputArb(names.length ? names : ['x']), { numRuns: RUNS, seed: SEED });
    const r = (results[form.name] = { inputs: 0, fiveXX: 0, unclear: 0, bad: 0 });
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < inputs.length) {
          const input = inputs[next++];
          const answer = await send(form, input);
          r.inputs++;
          if (answer.status >= 500 || answer.status === 0) r.fiveXX++;
          else if (!answer.ok) r.unclear++;
          if ((answer.status >= 500 || !answer.ok) && samples.length < 12)
            samples.push(
              `${form.name}: HTTP ${answer.status} (${input.body}) ${answer.text.slice(0, 160)} ← ${JSON.stringify({ ...input.mutations, extra: input.extra }).slice(0, 200)}`,
            );
        }
      }),
    );
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  await stopServer(server);
  const { counts, examples } = await badRows(since);
  for (const [form, n] of Object.entries(counts)) if (results[form]) results[form].bad += n;

  console.log(
    `\nFuzz: ${RUNS} entradas por formulario, semilla ${SEED}, ${pgUrl ? 'PostgreSQL' : 'PGlite'}, ${seconds} s\n`,
  );
  console.log(`| Formulario | Entradas | 5xx | Respuestas poco claras | Filas que no debían guardarse |`);
  console.log(`|---|---:|---:|---:|---:|`);
  for (const [name, r] of Object.entries(results))
    console.log(`| ${name} | ${r.inputs} | ${r.fiveXX} | ${r.unclear} | ${r.bad} |`);
  if (missingEvent)
    console.log('\nAviso: no hay un evento con registro abierto; ese formulario no se probó.');
  if (samples.length) console.log(`\nEjemplos:\n- ${samples.join('\n- ')}`);
  if (examples.length) console.log(`\nFilas:\n- ${examples.join('\n- ')}`);
  const failed = Object.values(results).some((r) => r.fiveXX || r.unclear || r.bad) || missingEvent;
  if (failed) exitCode = 1;
} catch (error) {
  console.error(error);
  console.error(server.stderr());
  exitCode = 1;
} finally {
  await stopServer(server);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
process.exit(exitCode);
