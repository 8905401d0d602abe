import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { postgresRequirement } from '../helpers/db-kinds';
import { type RawResponse, createDatabase, rawRequest, startInstance } from './instances';

// The public page cache answered by the server in front of Astro (scripts/server.mjs): the same
// headers as the uncached path, compressed bodies, and event pages that are never stale.

const PORT = Number(process.env.E2E_PORT ?? 4322);
const MAIN = `http://127.0.0.1:${PORT}`;
/** Headers the page cache must send exactly as Astro's uncached render does. */
const SECURITY = [
  'content-security-policy',
  'x-frame-options',
  'x-content-type-options',
  'referrer-policy',
  'permissions-policy',
  'cross-origin-opener-policy',
  'strict-transport-security',
  'content-type',
];

async function publicPages(base: string): Promise<string[]> {
  const links = async (path: string, pattern: RegExp) => {
    const html = (await rawRequest(`${base}${path}`)).body.toString();
    return [...new Set([...html.matchAll(pattern)].map((m) => m[1]!))].slice(0, 2);
  };
  return [
    '/',
    '/en',
    '/talleres',
    '/en/talleres',
    '/aviso-de-privacidad',
    '/en/aviso-de-privacidad',
    '/eventos',
    '/en/eventos',
    ...(await links('/talleres', /href="(\/talleres\/(?!solicitar)[a-z0-9-]+)"/g)),
    ...(await links('/en/talleres', /href="(\/en\/talleres\/(?!solicitar)[a-z0-9-]+)"/g)),
    ...(await links('/eventos', /href="(\/eventos\/(?!imagen)[a-z0-9-]+)"/g)),
    ...(await links('/en/eventos', /href="(\/en\/eventos\/[a-z0-9-]+)"/g)),
  ];
}

/** Every security header and the CSP of a cache hit, byte for byte those of the uncached render. */
async function expectSameHeadersAsUncached(base: string, minPages: number) {
  const headers = {};
  const pages = await publicPages(base);
  expect(pages.length).toBeGreaterThanOrEqual(minPages);
  for (const path of pages) {
    await rawRequest(`${base}${path}`, { headers }); // fills the cache
    const hit = await rawRequest(`${base}${path}`, { headers });
    const uncached = await rawRequest(`${base}${path}?sin-cache=1`, { headers });
    expect(hit.status, path).toBe(200);
    expect(hit.headers['x-page-cache'], path).toBe('hit');
    expect(uncached.headers['x-page-cache'], path).toBeUndefined();
    for (const name of SECURITY) expect(hit.headers[name], `${path}: ${name}`).toBe(uncached.headers[name]);
    expect(hit.headers['content-security-policy'], path).toContain('script-src');
  }
}

test('a cache hit carries the security headers and CSP of the uncached page, byte for byte', async () => {
  await expectSameHeadersAsUncached(MAIN, 12);
  // No session refresh is skipped: a signed-in visitor's request still goes through the middleware.
  const withCookie = await rawRequest(`${MAIN}/`, { headers: { cookie: 'vinculo_session=nada' } });
  expect(withCookie.headers['set-cookie']?.join(';') ?? '').toContain('vinculo_session=');
});

function decode(res: RawResponse): Buffer {
  const encoding = res.headers['content-encoding'];
  if (encoding === 'br') return brotliDecompressSync(res.body);
  if (encoding === 'gzip') return gunzipSync(res.body);
  return res.body;
}

test('pages and assets come brotli- or gzip-compressed by Accept-Encoding, with Vary', async () => {
  for (const path of ['/', '/eventos', '/talleres']) {
    await rawRequest(`${MAIN}${path}`);
    const plain = await rawRequest(`${MAIN}${path}`);
    const br = await rawRequest(`${MAIN}${path}`, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    const gz = await rawRequest(`${MAIN}${path}`, { headers: { 'accept-encoding': 'gzip' } });
    const refused = await rawRequest(`${MAIN}${path}`, { headers: { 'accept-encoding': 'br;q=0, gzip' } });
    const identity = await rawRequest(`${MAIN}${path}`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers['content-encoding'], path).toBeUndefined();
    expect(identity.headers['content-encoding'], path).toBeUndefined();
    expect(br.headers['content-encoding'], path).toBe('br');
    expect(gz.headers['content-encoding'], path).toBe('gzip');
    expect(refused.headers['content-encoding'], path).toBe('gzip');
    for (const res of [plain, br, gz, identity]) {
      expect(res.headers.vary, path).toContain('Accept-Encoding');
      expect(Number(res.headers['content-length']), path).toBe(res.body.byteLength);
      expect(decode(res).equals(plain.body), path).toBe(true);
    }
    expect(br.body.byteLength, path).toBeLessThan(plain.body.byteLength / 3);
    // Each representation has its own validator, and a revisit costs a 304.
    expect(new Set([plain, br, gz].map((r) => r.headers.etag)).size).toBe(3);
    const again = await rawRequest(`${MAIN}${path}`, {
      headers: { 'accept-encoding': 'br', 'if-none-match': String(br.headers.etag) },
    });
    expect(again.status).toBe(304);
  }

  const home = (await rawRequest(`${MAIN}/`)).body.toString();
  const assets = [...new Set([...home.matchAll(/(?:href|src)="(\/_astro\/[^"]+)"/g)].map((m) => m[1]!))];
  expect(assets.length).toBeGreaterThan(0);
  for (const asset of assets) {
    const plain = await rawRequest(`${MAIN}${asset}`);
    const br = await rawRequest(`${MAIN}${asset}`, { headers: { 'accept-encoding': 'br, gzip' } });
    const gz = await rawRequest(`${MAIN}${asset}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(plain.status, asset).toBe(200);
    expect(plain.headers['content-encoding'], asset).toBeUndefined();
    for (const res of [plain, br, gz]) {
      expect(res.headers.vary, asset).toContain('Accept-Encoding');
      expect(res.headers['cache-control'], asset).toContain('immutable');
      expect(decode(res).equals(plain.body), asset).toBe(true);
    }
    if (plain.body.byteLength > 1024) {
      expect(br.headers['content-encoding'], asset).toBe('br');
      expect(gz.headers['content-encoding'], asset).toBe('gzip');
    }
  }
});

test('the home page, with everything it loads, is at most 15 KB on the wire', async () => {
  const headers = { 'accept-encoding': 'gzip, deflate, br' };
  await rawRequest(`${MAIN}/`, { headers });
  const home = await rawRequest(`${MAIN}/`, { headers });
  const html = decode(home).toString();
  const resources = [
    ...new Set(
      [...html.matchAll(/<(?:link[^>]+href|script[^>]+src|img[^>]+src)="(\/[^"]+)"/g)]
        .map((m) => m[1]!)
        .filter((u) => !/^\/(en|eventos|talleres|aviso)/.test(u) && u !== '/'),
    ),
  ];
  let total = home.body.byteLength;
  for (const url of resources) total += (await rawRequest(`${MAIN}${url}`, { headers })).body.byteLength;
  expect(total, `${resources.join(', ')}: ${total} bytes`).toBeLessThanOrEqual(15 * 1024);
});

const seatsLeft = (html: string, slug: string) => {
  const at = html.indexOf(`/eventos/${slug}"`);
  const m = /Quedan (\d+) lugares|Queda (1) lugar/.exec(at === -1 ? html : html.slice(at));
  return m ? Number(m[1] ?? m[2]) : null;
};

function signUpBody(slug: string, noticeId: string, i: number) {
  return new URLSearchParams({
    slug,
    locale: 'es',
    privacyNoticeId: noticeId,
    name: 'Ana Lucía Portillo',
    email: `cache-${slug}-${i}@correo.test`,
    phone: '',
    municipalityId: '08019',
    heardFrom: 'redes_sociales',
    registrationType: 'individual',
    institutionName: '',
    groupSize: '1',
    accessibilityNeeds: '',
    consent: 'on',
  }).toString();
}

async function signUp(base: string, slug: string, noticeId: string, i: number) {
  const res = await rawRequest(`${base}/eventos/${slug}?_action=events.register`, {
    method: 'POST',
    headers: {
      origin: base,
      'content-type': 'application/x-www-form-urlencoded',
      // Each sign-up from its own address (the instances trust the proxy header), so the
      // per-address limit does not refuse the 31st.
      'x-forwarded-for': `10.17.${Math.floor(i / 250)}.${(i % 250) + 1}`,
    },
    body: signUpBody(slug, noticeId, i),
  });
  expect(res.status, res.body.toString().slice(0, 200)).toBe(200);
}

test('on the embedded database, the next read after a sign-up shows the new seat count', async () => {
  const list = (await rawRequest(`${MAIN}/eventos`)).body.toString();
  const slugs = [...list.matchAll(/href="\/eventos\/(?!imagen)([a-z0-9-]+)"/g)].map((m) => m[1]!);
  let slug = '';
  let before = 0;
  for (const s of slugs) {
    const left = seatsLeft((await rawRequest(`${MAIN}/eventos/${s}`)).body.toString(), s);
    if (left !== null && left > 2) {
      slug = s;
      before = left;
      break;
    }
  }
  expect(slug, 'a demo event with free seats').not.toBe('');
  const page = (await rawRequest(`${MAIN}/eventos/${slug}`)).body.toString();
  const noticeId = /name="privacyNoticeId" value="(\d+)"/.exec(page)![1]!;
  for (let i = 1; i <= 2; i++) {
    // Hot in the cache before the sign-up…
    expect((await rawRequest(`${MAIN}/eventos/${slug}`)).headers['x-page-cache']).toBe('hit');
    await signUp(MAIN, slug, noticeId, Date.now() + i);
    // …and exact right after it, on the detail page and on the list.
    expect(seatsLeft((await rawRequest(`${MAIN}/eventos/${slug}`)).body.toString(), slug)).toBe(before - i);
    expect(seatsLeft((await rawRequest(`${MAIN}/eventos`)).body.toString(), slug)).toBe(before - i);
  }
});

test.describe('two instances on one PostgreSQL database', () => {
  const requirement = postgresRequirement();
  test.skip(requirement === 'skip', 'sin TEST_DATABASE_URL: se omite PostgreSQL');
  test.setTimeout(300_000);

  test('200 reads interleaved with 100 sign-ups never show an old seat count, under load', async () => {
    if (requirement !== 'run') throw new Error(requirement);
    const db = await createDatabase(process.env.TEST_DATABASE_URL!);
    const env = { DATABASE_URL: db.url, TRUST_PROXY: '1', JOBS: '0', MAIL_WORKER: '0' };
    const a = await startInstance(PORT + 5, env); // migrates first
    const b = await startInstance(PORT + 6, env);
    try {
      const CAPACITY = 150;
      const slug = `cache-race-${Date.now().toString(36)}`;
      const now = Date.now();
      await db.sql`insert into events (slug, title, place, municipality_id, starts_at, ends_at, capacity,
        registration_opens_at, registration_closes_at, status)
        values (${slug}, 'Feria de prevención', 'Plaza Mayor', '08019', ${new Date(now + 7 * 86_400_000)},
        ${new Date(now + 7 * 86_400_000 + 7_200_000)}, ${CAPACITY}, ${new Date(now - 86_400_000)},
        ${new Date(now + 6 * 86_400_000)}, 'published')`;
      const [notice] = await db.sql`select id from privacy_notices where kind = 'integral'
        order by published_at desc, id desc limit 1`;
      const noticeId = String(notice!.id);
      // No demo data here: the pages, the new event and its English twin.
      await expectSameHeadersAsUncached(a.base, 10);

      // Background readers keep both instances' caches hot and their version reads batched.
      let done = false;
      let backgroundReads = 0;
      const background = Array.from({ length: 8 }, async (_, k) => {
        const base = k % 2 ? a.base : b.base;
        while (!done) {
          const res = await rawRequest(`${base}${k % 4 < 2 ? `/eventos/${slug}` : '/eventos'}`);
          expect(res.status).toBe(200);
          backgroundReads++;
        }
      });
      const stale: string[] = [];
      for (let i = 1; i <= 100; i++) {
        const [writer, other] = i % 2 ? [a, b] : [b, a];
        await signUp(writer.base, slug, noticeId, i);
        // Committed: the very next read on either instance shows it.
        const detail = seatsLeft((await rawRequest(`${other.base}/eventos/${slug}`)).body.toString(), slug);
        const list = seatsLeft((await rawRequest(`${writer.base}/eventos`)).body.toString(), slug);
        if (detail !== CAPACITY - i) stale.push(`#${i} detail on the other instance: ${detail}`);
        if (list !== CAPACITY - i) stale.push(`#${i} list on the same instance: ${list}`);
      }
      done = true;
      await Promise.all(background);
      expect(stale).toEqual([]);
      expect(backgroundReads).toBeGreaterThan(100);

      // The clock alone changes a page: registration that opens in a few seconds.
      const soon = `cache-soon-${Date.now().toString(36)}`;
      const opens = new Date(Date.now() + 3000);
      await db.sql`insert into events (slug, title, place, municipality_id, starts_at, ends_at, capacity,
        registration_opens_at, registration_closes_at, status)
        values (${soon}, 'Plática abierta', 'Plaza Mayor', '08019', ${new Date(now + 7 * 86_400_000)},
        ${new Date(now + 7 * 86_400_000 + 7_200_000)}, 40, ${opens}, ${new Date(now + 6 * 86_400_000)}, 'published')`;
      for (const base of [a.base, b.base]) {
        await rawRequest(`${base}/eventos/${soon}`);
        const early = await rawRequest(`${base}/eventos/${soon}`);
        expect(early.headers['x-page-cache']).toBe('hit');
        expect(seatsLeft(early.body.toString(), soon)).toBeNull();
      }
      await new Promise((r) => setTimeout(r, opens.getTime() - Date.now() + 100));
      for (const base of [a.base, b.base]) {
        expect(seatsLeft((await rawRequest(`${base}/eventos/${soon}`)).body.toString(), soon)).toBe(40);
        expect(seatsLeft((await rawRequest(`${base}/eventos`)).body.toString(), soon)).toBe(40);
      }
    } finally {
      await Promise.all([a.stop(), b.stop()]);
      await db.drop();
    }
  });
});
