import { buildIcs, mailboxAddress } from '~/lib/ics';
import { config } from '~/lib/server/config';
import type { MailAttachment } from '~db/schema';

export interface IcsEvent {
  id: number;
  title: string;
  summary: string;
  place: string;
  address: string;
  startsAt: Date;
  endsAt: Date;
  status: 'draft' | 'published' | 'cancelled';
  /** Bumped by every edit and the cancellation, so a calendar replaces its copy with the newest file. */
  sequence?: number;
  updatedAt?: Date;
}

/**
 * An iCalendar file for one event. The UID is stable per event, so a later file (say, the
 * cancellation) updates the entry the person already imported instead of adding a second one.
 * It holds nothing personal (calendar entries get shared), only the public event page, so one
 * file per event version is built and reused for every attendee.
 */
export function eventIcs(
  event: IcsEvent,
  options: { eventUrl?: string | undefined; organizer: string; host: string },
): string {
  const key = `${options.host}|${event.id}|${event.status}|${event.sequence ?? 0}|${event.updatedAt?.getTime() ?? 0}|${event.title}|${event.startsAt.getTime()}|${event.endsAt.getTime()}|${event.place}|${event.address}|${event.summary}|${options.eventUrl}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const value = buildEventIcs(event, options);
  if (cache.size > 200) cache.clear();
  cache.set(key, value);
  return value;
}

const cache = new Map<string, string>();

function buildEventIcs(
  event: IcsEvent,
  options: { eventUrl?: string | undefined; organizer: string; host: string },
): string {
  const cancelled = event.status === 'cancelled';
  const location = [event.place, event.address].filter(Boolean).join(', ');
  return buildIcs({
    prodId: '-//Vinculo//Eventos//ES',
    method: cancelled ? 'CANCEL' : 'PUBLISH',
    events: [
      {
        uid: `evento-${event.id}@${options.host}`,
        sequence: event.sequence ?? 0,
        start: event.startsAt,
        end: event.endsAt,
        summary: event.title,
        description: event.summary || event.title,
        location,
        url: options.eventUrl,
        status: cancelled ? 'CANCELLED' : 'CONFIRMED',
        organizer: { name: options.organizer, email: mailboxAddress(config().mailFrom) },
        lastModified: event.updatedAt,
      },
    ],
  });
}

export function icsAttachment(ics: string): MailAttachment {
  return {
    filename: 'evento.ics',
    contentType: 'text/calendar; charset=utf-8',
    content: Buffer.from(ics, 'utf8').toString('base64'),
  };
}
