/**
 * Settings an admin can change; these are the values of a fresh install. The time zone is
 * deployment configuration (ORG_TIMEZONE, see config.ts), not a setting here.
 */
export const DEFAULT_SETTINGS = {
  orgName: 'Línea Ciudadana',
  hotlinePhone: '614 123 4567',
  hotlinePhoneE164: '+526141234567',
  whatsappE164: '+526141234568',
  hours: 'Lunes a viernes de 8:00 a 20:00 h; sábados de 9:00 a 14:00 h',
  email: 'contacto@lineaciudadana.org.mx',
  address: 'Calle Aldama 1510, Col. Centro, Chihuahua, Chih.',
  /** Scheduling: minutes needed between in-person activities in different municipalities (warning). */
  travelBufferMinutes: '90',
  /** Scheduling: operators who must stay on the phones, off outreach, in every shift. */
  hotlineMinOperators: '1',
  /** Scheduling: the hotline's shifts, local time, comma-separated. */
  hotlineShifts: '08:00-14:00,14:00-20:00',
  /** Live floor: expected length of each break, in minutes (the board flags longer ones). */
  floorBreakMealMinutes: '45',
  floorBreakRestroomMinutes: '10',
  floorBreakPauseMinutes: '15',
} as const;

export type Settings = { -readonly [K in keyof typeof DEFAULT_SETTINGS]: string };
