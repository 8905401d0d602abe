import { type EventAttributes, createEvents } from 'ics';
import type { MailAttachment } from '~db/schema';

export interface IcsActivity {
  id: number;
  title: string;
  startsAt: Date;
  endsAt: Date;
  status: 'tentative' | 'confirmed' | 'done' | 'cancelled';
  place: string;
  onlineUrl: string | null;
  sequence: number;
  description?: string;
  updatedAt?: Date;
}

const STATUS = {
  tentative: 'TENTATIVE',
  confirmed: 'CONFIRMED',
  done: 'CONFIRMED',
  cancelled: 'CANCELLED',
} as const;

/** Stable across feeds and e-mails so calendars update the same event instead of adding one. */
export function activityUid(id: number, host: string): string {
  return `actividad-${id}@${host}`;
}

/**
 * RFC 5545 text with UTC times (no VTIMEZONE needed; each client shows its own zone).
 * Throws when the library rejects the data, which would be a bug of ours.
 */
export function buildCalendar(
  items: IcsActivity[],
  options: { host: string; calName?: string; method?: 'PUBLISH' | 'REQUEST' | 'CANCEL' },
): string {
  const events: EventAttributes[] = items.map((a) => {
    const event: EventAttributes = {
      uid: activityUid(a.id, options.host),
      title: a.title,
      start: a.startsAt.getTime(),
      startInputType: 'utc',
      startOutputType: 'utc',
      end: a.endsAt.getTime(),
      endInputType: 'utc',
      endOutputType: 'utc',
      status: STATUS[a.status],
      sequence: a.sequence,
      productId: 'vinculo/agenda',
    };
    const location = a.place || a.onlineUrl || '';
    if (location) event.location = location;
    if (a.onlineUrl) event.url = a.onlineUrl;
    if (a.description) event.description = a.description;
    if (a.updatedAt) event.lastModified = a.updatedAt.getTime();
    return event;
  });
  const header: { productId: string; method: string; calName?: string } = {
    productId: 'vinculo/agenda',
    method: options.method ?? 'PUBLISH',
  };
  if (options.calName) header.calName = options.calName;
  if (events.length === 0) {
    // The library refuses an empty list; an empty calendar is still a valid feed.
    return [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'CALSCALE:GREGORIAN',
      `PRODID:${header.productId}`,
      `METHOD:${header.method}`,
      ...(options.calName ? [`X-WR-CALNAME:${options.calName}`] : []),
      'END:VCALENDAR',
      '',
    ].join('\r\n');
  }
  const { error, value } = createEvents(events, header);
  if (error || !value) throw error ?? new Error('ics: calendario vacío');
  return value;
}

/** An .ics file for an e-mail attachment. */
export function icsAttachment(activity: IcsActivity, host: string, filename = 'taller.ics'): MailAttachment {
  const text = buildCalendar([activity], {
    host,
    method: activity.status === 'cancelled' ? 'CANCEL' : 'PUBLISH',
  });
  return {
    filename,
    contentType: 'text/calendar; charset=utf-8',
    content: Buffer.from(text, 'utf8').toString('base64'),
  };
}
