import { type IcsMethod, type IcsOrganizer, buildIcs } from '~/lib/ics';
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

/** The agenda's calendars (private feeds and e-mail attachments), through the one iCalendar writer. */
export function buildCalendar(
  items: IcsActivity[],
  options: { host: string; organizer: IcsOrganizer; calName?: string; method?: IcsMethod },
): string {
  return buildIcs({
    prodId: '-//Vinculo//Agenda//ES',
    method: options.method ?? 'PUBLISH',
    calName: options.calName,
    events: items.map((a) => ({
      uid: activityUid(a.id, options.host),
      sequence: a.sequence,
      start: a.startsAt,
      end: a.endsAt,
      summary: a.title,
      description: a.description,
      location: a.place || a.onlineUrl || undefined,
      url: a.onlineUrl ?? undefined,
      status: STATUS[a.status],
      organizer: options.organizer,
      lastModified: a.updatedAt,
    })),
  });
}

/** An .ics file for an e-mail attachment; a cancelled activity is sent as METHOD:CANCEL. */
export function icsAttachment(
  activity: IcsActivity,
  host: string,
  organizer: IcsOrganizer,
  filename = 'taller.ics',
): MailAttachment {
  const text = buildCalendar([activity], {
    host,
    organizer,
    method: activity.status === 'cancelled' ? 'CANCEL' : 'PUBLISH',
  });
  return {
    filename,
    contentType: 'text/calendar; charset=utf-8',
    content: Buffer.from(text, 'utf8').toString('base64'),
  };
}
