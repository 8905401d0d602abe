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
  /** The same hours in English for /en/; empty shows the Spanish text, marked as Spanish. */
  hoursEn: 'Monday to Friday, 8:00 a.m. to 8:00 p.m.; Saturdays, 9:00 a.m. to 2:00 p.m.',
  /**
   * The hours as data, for the after-hours notice: ISO weekday (1 Monday … 7 Sunday) = local
   * opening-closing; a day not listed is closed (see src/lib/opening-hours.ts).
   */
  openingSchedule: '1=08:00-20:00,2=08:00-20:00,3=08:00-20:00,4=08:00-20:00,5=08:00-20:00,6=09:00-14:00',
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
  /** Live floor: months the state history and help requests are kept, then deleted by the job list. */
  floorRetentionMonths: '12',
} as const;

export type Settings = { -readonly [K in keyof typeof DEFAULT_SETTINGS]: string };
