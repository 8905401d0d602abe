import { toLocalInput, zoneOfPlace } from '~/lib/time';
import { hoursInput } from '~/lib/hours';

interface StoredEvent {
  id: number;
  title: string;
  slug: string;
  summary: string;
  description: string;
  titleEn: string;
  summaryEn: string;
  descriptionEn: string;
  place: string;
  address: string;
  municipalityId: string;
  startsAt: Date;
  endsAt: Date;
  registrationOpensAt: Date;
  registrationClosesAt: Date;
  capacity: number;
  hours: number | null;
  waitlistEnabled: boolean;
  coverAlt: string;
}

/**
 * What the edit form shows for a stored event: its local times in the event's own zone, the
 * zone `toRow` reads them back in, so saving the form unchanged changes nothing.
 */
export function eventFormValues(event: StoredEvent, orgZone: string): Record<string, string> {
  const zone = zoneOfPlace(event.municipalityId, orgZone);
  return {
    id: String(event.id),
    title: event.title,
    slug: event.slug,
    summary: event.summary,
    description: event.description,
    titleEn: event.titleEn,
    summaryEn: event.summaryEn,
    descriptionEn: event.descriptionEn,
    place: event.place,
    address: event.address,
    municipalityId: event.municipalityId,
    startsAt: toLocalInput(event.startsAt, zone),
    endsAt: toLocalInput(event.endsAt, zone),
    registrationOpensAt: toLocalInput(event.registrationOpensAt, zone),
    registrationClosesAt: toLocalInput(event.registrationClosesAt, zone),
    capacity: String(event.capacity),
    hours: hoursInput(event.hours),
    waitlistEnabled: event.waitlistEnabled ? 'on' : 'off',
    coverAlt: event.coverAlt,
  };
}
