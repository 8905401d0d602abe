import { describe, expect, it } from 'vitest';
import { institutionTypeEnum } from '~db/schema/reference';
import { requestModalityEnum, requestStatusEnum } from '~db/schema/requests';
import { INSTITUTION_TYPES, MODALITIES, STATUSES } from '~/features/requests/schemas';
import {
  PageCache,
  cachedResponse,
  chooseEncoding,
  createFingerprintReader,
  dependsOnEvents,
  isCacheablePath,
  pageBytes,
} from '~/features/requests/public-cache.server';
import { nextPublicChange } from '~/features/events/public.server';

describe('fingerprint reads shared between concurrent requests', () => {
  it('never lets a caller reuse a read that started before it arrived', async () => {
    // The "database" version changes at known moments; each read reports the version at its start.
    let version = 1;
    const started: number[] = [];
    const releases: (() => void)[] = [];
    const reader = createFingerprintReader(() => {
      const seen = version;
      started.push(seen);
      return new Promise<string>((resolve) => releases.push(() => resolve(String(seen))));
    });
    const a = reader(); // starts read #1 (sees v1)
    version = 2; // an edit commits while read #1 is in flight
    const b = reader(); // arrived after the edit: must not get read #1's answer
    const c = reader(); // joins b's queued read
    releases.shift()!();
    expect(await a).toBe('1');
    await Promise.resolve();
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual([1, 2]);
    releases.shift()!();
    expect(await b).toBe('2');
    expect(await c).toBe('2');
    // Idle again: the next caller starts its own read.
    const d = reader();
    releases.shift()!();
    expect(await d).toBe('2');
    expect(started).toHaveLength(3);
  });

  it('recovers after a failed read', async () => {
    let fail = true;
    const reader = createFingerprintReader(async () => {
      if (fail) throw new Error('db down');
      return '7';
    });
    await expect(reader()).rejects.toThrow('db down');
    fail = false;
    expect(await reader()).toBe('7');
  });
});

describe('page cache', () => {
  it('serves an entry only for the fingerprint it was rendered under, and stays bounded', () => {
    const cache = new PageCache(2, 1024 * 1024);
    const page = (f: string) => ({
      fingerprint: f,
      body: new Uint8Array([1]),
      contentType: 'text/html',
      etag: '"x"',
    });
    cache.set('/', page('1'));
    expect(cache.get('/', '1')).not.toBeNull();
    expect(cache.get('/', '2')).toBeNull();
    cache.set('/talleres', page('1'));
    cache.set('/en/', page('1'));
    expect(cache.get('/', '1')).toBeNull(); // oldest evicted
    expect(cache.get('/en/', '1')).not.toBeNull();
  });

  it('caches only public content pages without a query', () => {
    for (const p of [
      '/',
      '/en/',
      '/talleres',
      '/en/talleres',
      '/talleres/extorsion-telefonica',
      '/aviso-de-privacidad',
      '/eventos',
      '/en/eventos',
      '/eventos/feria-prevencion-juarez',
    ])
      expect(isCacheablePath(p, '')).toBe(true);
    for (const p of [
      '/talleres/solicitar',
      '/en/talleres/solicitar',
      '/solicitud/abc',
      '/app/solicitudes',
      '/login',
      '/eventos/imagen',
      '/eventos/imagen/3',
      '/registro/abc',
    ])
      expect(isCacheablePath(p, '')).toBe(false);
    expect(isCacheablePath('/aviso-de-privacidad', '?version=2026-1')).toBe(false);
  });
});

describe('page cache bounds and freshness', () => {
  const page = (f: string, size: number, validUntil?: number) => ({
    fingerprint: f,
    body: new Uint8Array(size),
    contentType: 'text/html',
    etag: 'x',
    validUntil,
  });

  it('evicts the least recently used pages once over its byte budget', () => {
    const cache = new PageCache(100, 3 * (10_000 + 512));
    cache.set('/a', page('1', 10_000));
    cache.set('/b', page('1', 10_000));
    cache.set('/c', page('1', 10_000));
    expect(cache.get('/a', '1')).not.toBeNull(); // /a used: /b is now the oldest
    cache.set('/d', page('1', 10_000));
    expect(cache.get('/b', '1')).toBeNull();
    expect(cache.get('/a', '1')).not.toBeNull();
    expect(cache.bytes).toBe(3 * pageBytes(page('1', 10_000)));
    cache.set('/huge', page('1', 1_000_000)); // larger than the whole budget: never kept
    expect(cache.get('/huge', '1')).toBeNull();
    expect(cache.size).toBe(3);
  });

  it('drops a page when its clock-driven state runs out (a registration window opening)', () => {
    const cache = new PageCache();
    cache.set('/eventos', page('1.1', 10, 2_000));
    expect(cache.get('/eventos', '1.1', 1_999)).not.toBeNull();
    expect(cache.get('/eventos', '1.1', 2_000)).toBeNull();
  });

  it('event pages depend on the events version, the rest only on the public one', () => {
    expect(dependsOnEvents('/eventos')).toBe(true);
    expect(dependsOnEvents('/en/eventos/feria')).toBe(true);
    expect(dependsOnEvents('/talleres')).toBe(false);
    expect(dependsOnEvents('/')).toBe(false);
  });

  it('the next change of an event page is the soonest future window edge or end', () => {
    const at = (iso: string) => new Date(iso);
    const now = at('2026-12-01T12:00:00Z');
    const events = [
      {
        registrationOpensAt: at('2026-11-01T00:00:00Z'),
        registrationClosesAt: at('2026-12-05T00:00:00Z'),
        endsAt: at('2026-12-06T00:00:00Z'),
      },
      {
        registrationOpensAt: at('2026-12-02T09:00:00Z'),
        registrationClosesAt: at('2026-12-09T00:00:00Z'),
        endsAt: at('2026-12-10T00:00:00Z'),
      },
    ];
    expect(nextPublicChange(events, now)).toBe(at('2026-12-02T09:00:00Z').getTime());
    expect(nextPublicChange([events[0]!], now)).toBe(at('2026-12-05T00:00:00Z').getTime());
    expect(nextPublicChange([], now)).toBeUndefined();
  });
});

describe('compression of cached pages', () => {
  const page = { br: new Uint8Array([1]), gzip: new Uint8Array([2]) };
  it('prefers brotli, falls back to gzip, honours q=0 and identity', () => {
    expect(chooseEncoding('gzip, deflate, br', page)).toBe('br');
    expect(chooseEncoding('gzip', page)).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip;q=0.8', page)).toBe('gzip');
    expect(chooseEncoding('br;q=0, gzip;q=0', page)).toBe('identity');
    expect(chooseEncoding('identity', page)).toBe('identity');
    expect(chooseEncoding(undefined, page)).toBe('identity');
    expect(chooseEncoding('*', page)).toBe('br');
    expect(chooseEncoding('br', { gzip: page.gzip })).toBe('identity');
  });

  it('answers with the chosen bytes, their length, Vary and a tag per encoding; 304 on a match', () => {
    const cached = {
      fingerprint: '1',
      body: new Uint8Array([1, 2, 3, 4]),
      br: new Uint8Array([9]),
      gzip: new Uint8Array([8, 8]),
      contentType: 'text/html',
      etag: 'abc',
    };
    const headers = (r: ReturnType<typeof cachedResponse>) => Object.fromEntries(r.headers);
    const br = cachedResponse(cached, [['x-frame-options', 'DENY']], 'br', null);
    expect(br.body).toBe(cached.br);
    expect(headers(br)).toMatchObject({
      'x-frame-options': 'DENY',
      'content-encoding': 'br',
      'content-length': '1',
      vary: 'Accept-Encoding',
      etag: '"abc-br"',
    });
    const plain = cachedResponse(cached, [], null, null);
    expect(headers(plain)['content-encoding']).toBeUndefined();
    expect(headers(plain).etag).toBe('"abc"');
    expect(cachedResponse(cached, [], 'gzip', '"abc-gz"').status).toBe(304);
    expect(cachedResponse(cached, [], 'gzip', '"other"').status).toBe(200);
  });
});

it('keeps the form lists identical to the database enums', () => {
  expect([...INSTITUTION_TYPES]).toEqual(institutionTypeEnum.enumValues);
  expect([...MODALITIES]).toEqual(requestModalityEnum.enumValues);
  expect([...STATUSES]).toEqual(requestStatusEnum.enumValues);
});
