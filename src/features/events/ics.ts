import { createEvent } from 'ics';
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
  /** Drives SEQUENCE, so a calendar replaces its copy with the newest file (edit, cancel). */
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
  const key = `${options.host}|${event.id}|${event.status}|${event.updatedAt?.getTime() ?? 0}|${event.title}|${event.startsAt.getTime()}|${event.endsAt.getTime()}|${event.place}|${event.address}|${event.summary}|${options.eventUrl}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const value = buildIcs(event, options);
  if (cache.size > 200) cache.clear();
  cache.set(key, value);
  return value;
}

const cache = new Map<string, string>();

function buildIcs(
  event: IcsEvent,
  options: { eventUrl?: string | undefined; organizer: string; host: string },
): string {
  const cancelled = event.status === 'cancelled';
  const location = [event.place, event.address].filter(Boolean).join(', ');
  const { error, value } = createEvent({
    uid: `evento-${event.id}@${options.host}`,
    title: event.title,
    description: event.summary || event.title,
    location,
    start: event.startsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    end: event.endsAt.getTime(),
    endInputType: 'utc',
    endOutputType: 'utc',
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    method: cancelled ? 'CANCEL' : 'PUBLISH',
    sequence: event.updatedAt ? Math.floor(event.updatedAt.getTime() / 1000) : 0,
    organizer: { name: options.organizer },
    ...(options.eventUrl ? { url: options.eventUrl } : {}),
    productId: 'vinculo/eventos',
  });
  if (error || !value) throw error ?? new Error('no se pudo generar el .ics');
  return value;
}

export function icsAttachment(ics: string): MailAttachment {
  return {
    filename: 'evento.ics',
    contentType: 'text/calendar; charset=utf-8',
    content: Buffer.from(ics, 'utf8').toString('base64'),
  };
}
