import { describe, expect, it } from 'vitest';
import { canAccess, rolesFor } from '~/lib/server/access';
import { navFor } from '~/lib/app-nav';
import { safeNext } from '~/lib/safe-next';

describe('staff areas by role', () => {
  it('keeps admin screens to admins', () => {
    expect(canAccess('admin', '/app/admin/usuarios')).toBe(true);
    for (const role of ['supervisor', 'operator', 'comms'] as const)
      expect(canAccess(role, '/app/admin/usuarios/3')).toBe(false);
  });

  it('never lets communications staff into cases', () => {
    expect(canAccess('comms', '/app/casos')).toBe(false);
    expect(canAccess('comms', '/app/casos/LC-2026-00001')).toBe(false);
    expect(canAccess('operator', '/app/casos')).toBe(true);
  });

  it('does not let a similar prefix slip through', () => {
    expect(rolesFor('/app/admin-falso')).toEqual(rolesFor('/app'));
    expect(rolesFor('/app/admin/')).toEqual(['admin']);
  });

  it('shows each role only the menu entries it can open', () => {
    expect(navFor('operator').map((i) => i.href)).not.toContain('/app/admin/usuarios');
    expect(navFor('admin').map((i) => i.href)).toContain('/app/admin/usuarios');
  });

  it('follows only internal staff paths after login', () => {
    expect(safeNext('/app/casos')).toBe('/app/casos');
    expect(safeNext('https://malo.example/app')).toBe('/app');
    expect(safeNext('//malo.example/app')).toBe('/app');
    expect(safeNext('/app\\@malo')).toBe('/app');
    expect(safeNext(undefined)).toBe('/app');
  });
});

describe('i18n dictionaries', async () => {
  const { t } = await import('~/i18n');
  it('fills placeholders and has English for every Spanish key', async () => {
    const core = await import('~/i18n/messages/core');
    expect(Object.keys(core.en).sort()).toEqual(Object.keys(core.es).sort());
    expect(t('es', 'login.throttled', { minutes: 7 })).toContain('7 min');
    expect(t('en', 'app.welcome', { name: 'Ana' })).toBe('Hello, Ana');
  });
});
