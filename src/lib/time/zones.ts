/**
 * Chihuahua has three clocks since the 2022 reform of the Ley de Husos Horarios: most of the
 * state stays at UTC−6 all year (America/Chihuahua); the municipalities next to El Paso and New
 * Mexico follow US Mountain time with daylight saving (America/Ciudad_Juarez); those next to
 * Presidio follow US Central time with daylight saving (America/Ojinaga). Keys are INEGI codes.
 *
 * Rule: a place's zone comes from the place, never from the organisation's zone. Something held
 * online (no place) is read and shown in the organisation's zone.
 */
export const CHIHUAHUA_ZONE = 'America/Chihuahua';

// Maps, not object literals: a key typed by a visitor ("toString", "__proto__") must find nothing.
const MUNICIPALITY_ZONES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    '08005': 'America/Ciudad_Juarez', // Ascensión
    '08028': 'America/Ciudad_Juarez', // Guadalupe
    '08035': 'America/Ciudad_Juarez', // Janos
    '08037': 'America/Ciudad_Juarez', // Juárez
    '08053': 'America/Ciudad_Juarez', // Praxedis G. Guerrero
    '08015': 'America/Ojinaga', // Coyame del Sotol
    '08042': 'America/Ojinaga', // Manuel Benavides
    '08052': 'America/Ojinaga', // Ojinaga
  }),
);

/** What a person calls each zone, for messages and labels. */
const ZONE_CITIES: ReadonlyMap<string, string> = new Map(
  Object.entries({
    'America/Chihuahua': 'Chihuahua',
    'America/Ciudad_Juarez': 'Ciudad Juárez',
    'America/Ojinaga': 'Ojinaga',
  }),
);

/**
 * The zone of a place. Every Chihuahua municipality (INEGI code 08xxx) has one, whatever the
 * organisation's zone is; `orgZone` is used only when there is no place (online) or the code is
 * not a Chihuahua municipality, about which nothing better is known.
 */
export function zoneOfPlace(municipalityId: string | null | undefined, orgZone: string): string {
  if (!municipalityId) return orgZone;
  return (
    MUNICIPALITY_ZONES.get(municipalityId) ?? (/^08\d{3}$/.test(municipalityId) ? CHIHUAHUA_ZONE : orgZone)
  );
}

/** The zone of something that may be held in person (its place) or online (the organisation's). */
export function zoneOfActivity(
  item: { modality: string; municipalityId: string | null | undefined },
  orgZone: string,
): string {
  return item.modality === 'presencial' ? zoneOfPlace(item.municipalityId, orgZone) : orgZone;
}

/** "Ciudad Juárez" for America/Ciudad_Juarez; the zone's id when it is not one of ours. */
export function zoneCity(zone: string): string {
  return ZONE_CITIES.get(zone) ?? zone.replace(/^.*\//, '').replace(/_/g, ' ');
}

/** "hora de Ciudad Juárez" ("Ciudad Juárez time"), the label shown beside a time. */
export function zoneLabel(zone: string, locale: 'es' | 'en' = 'es'): string {
  return locale === 'en' ? `${zoneCity(zone)} time` : `hora de ${zoneCity(zone)}`;
}
