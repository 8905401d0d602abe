import { describe, expect, it } from 'vitest';
import { institutionTypeEnum } from '~db/schema/reference';
import { requestModalityEnum, requestStatusEnum } from '~db/schema/requests';
import { INSTITUTION_TYPES, MODALITIES, STATUSES } from '~/features/requests/schemas';
import { PageCache, createFingerprintReader, isCacheablePath } from '~/features/requests/public-cache.server';

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
    const cache = new PageCache(2);
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
    ])
      expect(isCacheablePath(p, '')).toBe(true);
    for (const p of [
      '/talleres/solicitar',
      '/en/talleres/solicitar',
      '/solicitud/abc',
      '/app/solicitudes',
      '/login',
      '/eventos',
    ])
      expect(isCacheablePath(p, '')).toBe(false);
    expect(isCacheablePath('/aviso-de-privacidad', '?version=2026-1')).toBe(false);
  });
});

it('keeps the form lists identical to the database enums', () => {
  expect([...INSTITUTION_TYPES]).toEqual(institutionTypeEnum.enumValues);
  expect([...MODALITIES]).toEqual(requestModalityEnum.enumValues);
  expect([...STATUSES]).toEqual(requestStatusEnum.enumValues);
});
