/**
 * Chihuahua has three clocks since the 2022 reform of the Ley de Husos Horarios: most of the
 * state stays at UTC−6 all year; the municipalities next to El Paso and New Mexico follow US
 * Mountain time with daylight saving (IANA America/Ciudad_Juarez); those next to Presidio follow
 * US Central time with daylight saving (America/Ojinaga). Something held in one of them is read,
 * shown and e-mailed in its own zone. Keys are INEGI municipality codes.
 */
const MUNICIPALITY_ZONES: Readonly<Record<string, string>> = {
  '08005': 'America/Ciudad_Juarez', // Ascensión
  '08028': 'America/Ciudad_Juarez', // Guadalupe
  '08035': 'America/Ciudad_Juarez', // Janos
  '08037': 'America/Ciudad_Juarez', // Juárez
  '08053': 'America/Ciudad_Juarez', // Praxedis G. Guerrero
  '08015': 'America/Ojinaga', // Coyame del Sotol
  '08042': 'America/Ojinaga', // Manuel Benavides
  '08052': 'America/Ojinaga', // Ojinaga
};

/** The zone of a place in Chihuahua; the organisation's zone when unknown or online. */
export function zoneForMunicipality(municipalityId: string | null | undefined, orgZone: string): string {
  return (municipalityId && MUNICIPALITY_ZONES[municipalityId]) || orgZone;
}
