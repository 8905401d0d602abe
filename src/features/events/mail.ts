import type { MailAttachment } from '~db/schema';
import { type Locale, type MessageKey, t } from '~/i18n';
import { renderMail } from '~/lib/server/mail/templates';
import type { OutgoingMail } from '~/lib/server/mail/outbox';
import { eventIcs, icsAttachment, type IcsEvent } from './ics';
import { formatRange, zoneOfPlace } from '~/lib/time';

export interface EventsMailContext {
  publicUrl: string;
  orgName: string;
  timeZone: string;
}

export interface MailEvent extends IcsEvent {
  slug: string;
  municipalityId: string;
  cancelReason?: string | null;
}

export interface MailRegistration {
  id: number;
  name: string;
  email: string;
  groupSize: number;
  locale: string;
}

export type EventMailKind =
  | 'confirmed'
  | 'waiting'
  | 'promoted'
  | 'cancelled'
  | 'eventCancelled'
  | 'reminder'
  | 'existing'
  | 'recovered'
  | 'movedWaiting'
  | 'updated';

const SUBJECT: Record<EventMailKind, MessageKey> = {
  confirmed: 'events.mail.confirmed.subject',
  waiting: 'events.mail.waiting.subject',
  promoted: 'events.mail.promoted.subject',
  cancelled: 'events.mail.cancelled.subject',
  eventCancelled: 'events.mail.eventCancelled.subject',
  reminder: 'events.mail.reminder.subject',
  existing: 'events.mail.existing.subject',
  recovered: 'events.mail.recovered.subject',
  movedWaiting: 'events.mail.moved.subject',
  updated: 'events.mail.updated.subject',
};
const BODY: Record<EventMailKind, MessageKey> = {
  confirmed: 'events.mail.confirmed.body',
  waiting: 'events.mail.waiting.body',
  promoted: 'events.mail.promoted.body',
  cancelled: 'events.mail.cancelled.body',
  eventCancelled: 'events.mail.eventCancelled.body',
  reminder: 'events.mail.reminder.body',
  existing: 'events.mail.existing.body',
  recovered: 'events.mail.recovered.body',
  movedWaiting: 'events.mail.movedWaiting.body',
  updated: 'events.mail.updated.body',
};
/** Mails that carry the calendar file: the person has (or may use) a seat. */
const WITH_ICS: ReadonlySet<EventMailKind> = new Set([
  'confirmed',
  'promoted',
  'reminder',
  'existing',
  'eventCancelled',
  'updated',
]);
/** Mails with the manage link (not once the registration or the event is gone). */
export const WITH_LINK: ReadonlySet<EventMailKind> = new Set([
  'confirmed',
  'waiting',
  'promoted',
  'reminder',
  'existing',
  'recovered',
  'movedWaiting',
  'updated',
]);

export function manageUrl(ctx: EventsMailContext, token: string): string {
  return `${ctx.publicUrl}/registro/${token}`;
}

/**
 * One e-mail to one registrant, in the language they registered in. Mails in WITH_LINK carry a
 * manage link: the caller mints a fresh token for it (only its hash is stored).
 */
export function eventMail(
  kind: EventMailKind,
  ctx: EventsMailContext,
  event: MailEvent,
  reg: MailRegistration,
  options: { token?: string | undefined; idempotencyKey: string },
): OutgoingMail {
  const locale: Locale = reg.locale === 'en' ? 'en' : 'es';
  const zone = zoneOfPlace(event.municipalityId, ctx.timeZone);
  const people =
    reg.groupSize === 1
      ? t(locale, 'events.mail.people.one')
      : t(locale, 'events.mail.people.many', { n: reg.groupSize });
  const link = options.token && WITH_LINK.has(kind) ? manageUrl(ctx, options.token) : undefined;
  const paragraphs = [
    t(locale, BODY[kind], { people, reason: event.cancelReason ?? '' }),
    t(locale, 'events.mail.details', {
      title: event.title,
      date: formatRange(event.startsAt, event.endsAt, zone, locale),
      place: [event.place, event.address].filter(Boolean).join(', '),
    }),
  ];
  const after =
    kind === 'eventCancelled'
      ? [t(locale, 'events.mail.eventCancelled.after')]
      : kind === 'reminder'
        ? [t(locale, 'events.mail.reminder.after')]
        : [];
  const rendered = renderMail(
    {
      subject: t(locale, SUBJECT[kind], { title: event.title }),
      greeting: t(locale, 'events.mail.greeting', { name: reg.name.split(/\s+/)[0] ?? reg.name }),
      paragraphs,
      ...(link ? { action: { label: t(locale, 'events.mail.manage'), url: link } } : {}),
      after,
      lang: locale === 'en' ? 'en' : 'es-MX',
    },
    { name: ctx.orgName },
  );
  const attachments: MailAttachment[] = [];
  if (WITH_ICS.has(kind)) {
    const host = new URL(ctx.publicUrl).host;
    attachments.push(
      icsAttachment(
        eventIcs(event, { eventUrl: `${ctx.publicUrl}/eventos/${event.slug}`, organizer: ctx.orgName, host }),
      ),
    );
  }
  return {
    ...rendered,
    to: reg.email,
    template: `events.${kind}`,
    attachments,
    idempotencyKey: options.idempotencyKey,
  };
}

/** "¿Perdiste tu enlace?" for an address with no live registration to that event. */
export function recoveryMissMail(
  ctx: EventsMailContext,
  event: { title: string; slug: string },
  email: string,
  locale: Locale,
): OutgoingMail {
  const rendered = renderMail(
    {
      subject: t(locale, 'events.mail.recoveryMiss.subject', { title: event.title }),
      greeting: t(locale, 'events.mail.recoveryMiss.greeting'),
      paragraphs: [t(locale, 'events.mail.recoveryMiss.body', { title: event.title })],
      action: {
        label: t(locale, 'events.mail.recoveryMiss.action'),
        url: `${ctx.publicUrl}${locale === 'en' ? '/en' : ''}/eventos/${event.slug}`,
      },
      after: [t(locale, 'events.mail.recoveryMiss.after')],
      lang: locale === 'en' ? 'en' : 'es-MX',
    },
    { name: ctx.orgName },
  );
  return { ...rendered, to: email, template: 'events.recoveryMiss' };
}
