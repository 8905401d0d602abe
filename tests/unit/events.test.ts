import { describe, expect, it } from 'vitest';
import { toCsv } from '~/features/events/csv';
import { MAX_IMAGE_BYTES, checkCoverUpload, sniffImageType } from '~/features/events/images.server';
import { RegistrationSchema } from '~/features/events/schemas';
import {
  canTransitionEvent,
  canTransitionRegistration,
  registrationWindow,
  seatState,
} from '~/features/events/status';
import { toInstant, toLocalInput, zoneOfPlace } from '~/lib/time';

describe('event rules (pure)', () => {
  it('status tables allow only the documented moves', () => {
    expect(canTransitionEvent('draft', 'published')).toBe(true);
    expect(canTransitionEvent('cancelled', 'published')).toBe(false);
    expect(canTransitionEvent('published', 'draft')).toBe(false);
    expect(canTransitionRegistration('waiting', 'confirmed', 'system')).toBe(true);
    expect(canTransitionRegistration('confirmed', 'waiting', 'attendee')).toBe(false);
    expect(canTransitionRegistration('cancelled', 'confirmed', 'staff')).toBe(false);
  });

  it('seat state and registration window', () => {
    expect(seatState(10, 7, true)).toEqual({ kind: 'available', left: 3 });
    expect(seatState(10, 10, true)).toEqual({ kind: 'waitlist' });
    expect(seatState(10, 10, false)).toEqual({ kind: 'full' });
    const w = {
      registrationOpensAt: new Date('2026-01-01T00:00:00Z'),
      registrationClosesAt: new Date('2026-01-02T00:00:00Z'),
    };
    expect(registrationWindow(w, new Date('2025-12-31T23:59:59Z'))).toBe('not_yet');
    expect(registrationWindow(w, new Date('2026-01-01T12:00:00Z'))).toBe('open');
    expect(registrationWindow(w, new Date('2026-01-02T00:00:00Z'))).toBe('closed');
  });

  it('reads local times in the event’s zone: Juárez keeps US daylight saving, Chihuahua does not', () => {
    expect(zoneOfPlace('08037', 'America/Chihuahua')).toBe('America/Ciudad_Juarez');
    expect(zoneOfPlace('08019', 'America/Chihuahua')).toBe('America/Chihuahua');
    // 1 July: Juárez is UTC−6 (MDT), Chihuahua UTC−6 (no DST since 2022).
    expect(toInstant('2026-07-01T10:00', 'America/Ciudad_Juarez').toISOString()).toBe(
      '2026-07-01T16:00:00.000Z',
    );
    expect(toInstant('2026-07-01T10:00', 'America/Chihuahua').toISOString()).toBe('2026-07-01T16:00:00.000Z');
    // 1 December: Juárez is UTC−7 (MST), Chihuahua stays UTC−6.
    expect(toInstant('2026-12-01T10:00', 'America/Ciudad_Juarez').toISOString()).toBe(
      '2026-12-01T17:00:00.000Z',
    );
    expect(toInstant('2026-12-01T10:00', 'America/Chihuahua').toISOString()).toBe('2026-12-01T16:00:00.000Z');
    expect(toLocalInput(new Date('2026-12-01T17:00:00Z'), 'America/Ciudad_Juarez')).toBe('2026-12-01T10:00');
  });

  it('sniffs image types from the bytes, not the name', async () => {
    expect(sniffImageType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffImageType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(
      'image/png',
    );
    expect(sniffImageType(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffImageType(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg">'))).toBeNull();
    const fake = new File(['<?php echo 1; ?>'], 'portada.jpg', { type: 'image/jpeg' });
    expect(await checkCoverUpload(fake)).toEqual({
      ok: false,
      error: 'La portada debe ser una imagen JPEG, PNG o WebP.',
    });
    const big = new File([new Uint8Array(MAX_IMAGE_BYTES + 1).fill(0xff)], 'grande.jpg', {
      type: 'image/jpeg',
    });
    expect(await checkCoverUpload(big)).toMatchObject({ ok: false, error: expect.stringContaining('2 MB') });
  });

  it('the sign-up schema asks groups for institution and headcount, in Spanish', () => {
    const base = {
      slug: 'x',
      name: 'Rosa Gardea',
      email: 'Rosa@Correo.test',
      municipalityId: '08037',
      heardFrom: 'otro',
      consent: 'on',
      privacyNoticeId: '1',
    };
    const ok = RegistrationSchema.safeParse(base);
    expect(ok.success && ok.data).toMatchObject({ email: 'rosa@correo.test', groupSize: 1, isGroup: false });
    const group = RegistrationSchema.safeParse({ ...base, registrationType: 'group', groupSize: '1' });
    expect(group.success).toBe(false);
    expect(group.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['institutionName', 'Escribe el nombre de la escuela o centro de trabajo.'],
      ['groupSize', 'Escribe cuántas personas vienen en el grupo (2 o más).'],
    ]);
    const noConsent = RegistrationSchema.safeParse({ ...base, consent: undefined });
    expect(noConsent.error?.issues[0]?.message).toBe(
      'Para registrarte necesitamos que aceptes el aviso de privacidad.',
    );
  });

  it('CSV quotes what needs quoting and neutralises spreadsheet formulas', () => {
    const csv = toCsv([
      ['Nombre', 'Nota'],
      ['Pérez, Ana', '=HYPERLINK("x")'],
      ['Luis "Lucho"', '+52 614'],
    ]);
    expect(csv).toBe(
      '\uFEFFNombre,Nota\r\n"Pérez, Ana","\'=HYPERLINK(""x"")"\r\n"Luis ""Lucho""",\'+52 614\r\n',
    );
  });
});
