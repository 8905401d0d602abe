import { describe, expect, it } from 'vitest';
import { canAccess, rolesFor } from '~/lib/server/access';
import { APP_NAV, navFor, navGroupsFor } from '~/lib/app-nav';
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

  it('groups the phone menu from the same policy, leaving out what a role cannot open', () => {
    const op = navGroupsFor('operator');
    expect(op.groups.map((g) => g.group)).toEqual(['Atención', 'Agenda', 'Eventos', 'Contenido']);
    expect(op.groups[0]!.items.map((i) => i.href)).toEqual([
      '/app/casos',
      '/app/seguimientos',
      '/app/directorio',
      '/app/bitacora',
    ]);
    const admin = navGroupsFor('admin');
    expect(admin.groups.map((g) => g.group)).toEqual([
      'Atención',
      'Agenda',
      'Eventos',
      'Contenido',
      'Reportes',
      'Administración',
    ]);
    expect(admin.first.map((i) => i.href)).toEqual(['/app']);
    expect(admin.last.map((i) => i.href)).toEqual(['/app/perfil']);
    // Every entry of the wide menu is in the phone menu, exactly once.
    const phone = [...admin.first, ...admin.groups.flatMap((g) => g.items), ...admin.last].map((i) => i.href);
    expect(phone.sort()).toEqual(APP_NAV.map((i) => i.href).sort());
  });

  it('follows only internal staff paths after login', () => {
    expect(safeNext('/app/casos')).toBe('/app/casos');
    expect(safeNext('https://malo.example/app')).toBe('/app');
    expect(safeNext('//malo.example/app')).toBe('/app');
    expect(safeNext('/app\\@malo')).toBe('/app');
    expect(safeNext(undefined)).toBe('/app');
  });
});

describe('i18n dictionaries', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it('every area has English for every Spanish key, with the same placeholders', async () => {
    // Every area file under messages/, so a new one is checked without editing this test.
    const areas = import.meta.glob<{ es: object; en: object }>('/src/i18n/messages/*.ts', { eager: true });
    expect(Object.keys(areas).length).toBeGreaterThanOrEqual(7);
    for (const [area, { es, en }] of Object.entries(areas)) {
      const esText = es as Record<string, string>;
      const enText = en as Record<string, string>;
      expect(Object.keys(enText).sort(), area).toEqual(Object.keys(esText).sort());
      for (const key of Object.keys(esText)) {
        expect(enText[key]?.trim(), `${area}: ${key}`).toBeTruthy();
        expect(placeholders(enText[key]!), `${area}: ${key}`).toEqual(placeholders(esText[key]!));
      }
    }
  });

  it('fills placeholders in both languages', async () => {
    const { t } = await import('~/i18n');
    expect(t('es', 'login.throttled', { minutes: 7 })).toBe(
      'Hubo demasiados intentos fallidos. Por seguridad, espera 7 min y vuelve a intentarlo.',
    );
    expect(t('en', 'login.throttled', { minutes: 7 })).toBe(
      'Too many failed attempts. For your security, wait 7 min and try again.',
    );
    expect(t('es', 'app.welcome', { name: 'Ana' })).toBe('Hola, Ana');
    expect(t('en', 'app.welcome', { name: 'Ana' })).toBe('Hello, Ana');
  });
});
