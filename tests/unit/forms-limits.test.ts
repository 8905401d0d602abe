import { describe, expect, it } from 'vitest';
import { FormLimitError, MAX_FORM_FIELDS, formToObject } from '~/lib/forms';
import { DEFAULT_BODY_LIMIT, bodyLimitFor, checkRequestBody } from '~/lib/server/body-guard';

const BASE = 'http://127.0.0.1:4321';

function post(path: string, body: BodyInit | null, contentType?: string) {
  const url = new URL(path, BASE);
  const headers: Record<string, string> = {};
  if (contentType) headers['content-type'] = contentType;
  return { request: new Request(url, { method: 'POST', body, headers }), url };
}

describe('formToObject', () => {
  it('keeps the first value of a single field and every value of a listed one', () => {
    const form = new FormData();
    form.append('name', 'Ana');
    form.append('name', 'otra');
    form.append('topics', 'a');
    form.append('topics', 'b');
    expect(formToObject(form, ['topics', 'empty'])).toEqual({ name: 'Ana', topics: ['a', 'b'], empty: [] });
  });

  it('parses the largest allowed form in linear time and refuses one field more', () => {
    const form = new FormData();
    for (let i = 0; i < MAX_FORM_FIELDS; i++) form.append(`f${i}`, '');
    expect(Object.keys(formToObject(form))).toHaveLength(MAX_FORM_FIELDS);
    form.append('one-more', '');
    expect(() => formToObject(form)).toThrow(FormLimitError);
  });

  it('stops at the cap instead of scanning 60,000 fields once per field', () => {
    const form = new FormData();
    for (let i = 0; i < 60_000; i++) form.append(`f${i}`, '');
    const started = performance.now();
    expect(() => formToObject(form)).toThrow(FormLimitError);
    expect(performance.now() - started).toBeLessThan(50);
  });

  it('a field called __proto__ is just a field', () => {
    const form = new FormData();
    form.append('__proto__', 'x');
    const out = formToObject(form);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.keys(out)).toEqual(['__proto__']);
  });
});

describe('checkRequestBody', () => {
  const fields = (n: number) => Array.from({ length: n }, (_, i) => `f${i}=`).join('&');

  it('lets an ordinary form, a bare button and the draft JSON through', async () => {
    const { request, url } = post(
      '/solicitar?_action=requests.submit',
      'a=1&b=2',
      'application/x-www-form-urlencoded',
    );
    expect(await checkRequestBody(request, url)).toBeNull();
    const bare = post('/logout', null);
    expect(await checkRequestBody(bare.request, bare.url)).toBeNull();
    const json = post('/_actions/cases.saveDraft', JSON.stringify({ data: {} }), 'application/json');
    expect(await checkRequestBody(json.request, json.url)).toBeNull();
    // The page can still read the body after the check.
    expect(await request.text()).toBe('a=1&b=2');
  });

  it('refuses 60,000 fields with a Spanish 413 page in well under 100 ms', async () => {
    const body = fields(60_000);
    // One run first, so the time measured is the check's and not the first compile of it.
    const warm = post('/_actions/requests.submit', body, 'application/x-www-form-urlencoded');
    await checkRequestBody(warm.request, warm.url);
    const { request, url } = post('/_actions/requests.submit', body, 'application/x-www-form-urlencoded');
    const started = performance.now();
    const response = await checkRequestBody(request, url);
    expect(performance.now() - started).toBeLessThan(100);
    expect(response?.status).toBe(413);
    const html = await response!.text();
    expect(html).toContain('lang="es-MX"');
    expect(html).toContain('demasiado grande');
    expect(html).toContain('href="/"');
  });

  it('counts multipart parts the same way', async () => {
    const form = new FormData();
    for (let i = 0; i <= MAX_FORM_FIELDS; i++) form.append(`f${i}`, '');
    const encoded = new Response(form);
    const { request, url } = post(
      '/eventos/taller?_action=events.register',
      await encoded.arrayBuffer(),
      encoded.headers.get('content-type')!,
    );
    expect((await checkRequestBody(request, url))?.status).toBe(413);
  });

  it('refuses a body past the form limit, declared or chunked', async () => {
    const big = 'x='.padEnd(DEFAULT_BODY_LIMIT + 10, 'y');
    const declared = post('/_actions/requests.submit', big, 'application/x-www-form-urlencoded');
    expect((await checkRequestBody(declared.request, declared.url))?.status).toBe(413);
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const url = new URL('/_actions/requests.submit', BASE);
    const chunked = new Request(url, {
      method: 'POST',
      body: stream,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      duplex: 'half',
    } as RequestInit);
    expect((await checkRequestBody(chunked, url))?.status).toBe(413);
  });

  it('lets a 2 MB cover and a 5 MB asset reach their own checks, not more', () => {
    expect(bodyLimitFor(new URL('/app/eventos/nuevo?_action=events.createEvent', BASE))).toBeGreaterThan(
      2 * 1024 * 1024,
    );
    expect(bodyLimitFor(new URL('/app/eventos/3?_action=events.updateEvent', BASE))).toBeGreaterThan(
      2 * 1024 * 1024,
    );
    expect(bodyLimitFor(new URL('/app/contenido/publicaciones/4', BASE))).toBeGreaterThan(5 * 1024 * 1024);
    expect(bodyLimitFor(new URL('/app/contenido/publicaciones/4?_action=content.updatePost', BASE))).toBe(
      DEFAULT_BODY_LIMIT,
    );
    expect(bodyLimitFor(new URL('/solicitar?_action=requests.submit', BASE))).toBe(DEFAULT_BODY_LIMIT);
  });

  it('answers malformed bodies with 400 or 415, in Spanish', async () => {
    const cases: [string, BodyInit, string | undefined, number][] = [
      ['/_actions/requests.submit', '{"name": "x",', 'application/json', 415],
      ['/_actions/requests.submit', '{"name": "x"}', 'application/json', 415],
      ['/_actions/cases.saveDraft', '{"data": {', 'application/json', 400],
      ['/login?_action=accounts.login', '{"email": "x"}', 'application/json', 415],
      ['/registro/abc?_action=events.cancelRegistration', 'hola', 'text/plain', 415],
      ['/app/casos', 'a=1', 'multipart/form-data', 400],
      ['/app/casos/exportar', '--x\r\nbroken', 'multipart/form-data; boundary=x', 400],
      ['/app/casos', 'sin tipo', undefined, 415],
    ];
    for (const [path, body, type, status] of cases) {
      const { request, url } = post(path, body, type);
      const response = await checkRequestBody(request, url);
      expect({ path, status: response?.status }).toEqual({ path, status });
      expect(await response!.text()).toMatch(/formulario/i);
    }
  });
});
