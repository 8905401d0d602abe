import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  index,
  integer,
  numeric,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { privacyNotices } from './legal';
import { municipalities } from './reference';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Raw bytes (cover images live in the database so every instance can serve them). */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

export const eventStatusEnum = pgEnum('event_status', ['draft', 'published', 'cancelled']);
export type EventStatus = (typeof eventStatusEnum.enumValues)[number];

export const registrationStatusEnum = pgEnum('event_registration_status', [
  'confirmed',
  'waiting',
  'cancelled',
]);
export type RegistrationStatus = (typeof registrationStatusEnum.enumValues)[number];

export const heardFromEnum = pgEnum('event_heard_from', [
  'redes_sociales',
  'escuela_trabajo',
  'amistades_familia',
  'radio_tv_prensa',
  'linea_ciudadana',
  'otro',
]);

/** Uploaded cover images; checked (type sniffed from the bytes, size) before they get here. */
export const eventImages = pgTable('event_images', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  contentType: text('content_type').notNull(),
  bytes: bytea('bytes').notNull(),
  size: integer('size').notNull(),
  /** SHA-256 of the bytes, used as the ETag. */
  sha256: text('sha256').notNull(),
  uploadedBy: integer('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
  createdAt: tz('created_at').notNull().defaultNow(),
});

/**
 * A public event (talk, fair, training). Sign-ups lock this row (SELECT … FOR UPDATE) so the
 * seat count read and the registration written can never interleave with another sign-up.
 */
export const events = pgTable(
  'events',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull().default(''),
    description: text('description').notNull().default(''),
    /** English texts for /en/; empty means the page shows the Spanish one, marked lang="es". */
    titleEn: text('title_en').notNull().default(''),
    summaryEn: text('summary_en').notNull().default(''),
    descriptionEn: text('description_en').notNull().default(''),
    place: text('place').notNull(),
    address: text('address').notNull().default(''),
    municipalityId: text('municipality_id')
      .notNull()
      .references(() => municipalities.id),
    startsAt: tz('starts_at').notNull(),
    endsAt: tz('ends_at').notNull(),
    capacity: integer('capacity').notNull(),
    /** Hours a constancia of attendance states ("4 horas"); null prints none. */
    hours: numeric('hours', { precision: 4, scale: 1, mode: 'number' }),
    waitlistEnabled: boolean('waitlist_enabled').notNull().default(true),
    registrationOpensAt: tz('registration_opens_at').notNull(),
    registrationClosesAt: tz('registration_closes_at').notNull(),
    status: eventStatusEnum('status').notNull().default('draft'),
    coverImageId: integer('cover_image_id').references(() => eventImages.id, { onDelete: 'set null' }),
    coverAlt: text('cover_alt').notNull().default(''),
    cancelReason: text('cancel_reason'),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    publishedAt: tz('published_at'),
    cancelledAt: tz('cancelled_at'),
    /** iCalendar SEQUENCE: +1 on every edit, publication and cancellation (never reused). */
    sequence: integer('sequence').notNull().default(0),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('events_slug_unique').on(t.slug),
    index('events_status_start_idx').on(t.status, t.startsAt),
    check('events_capacity_positive', sql`${t.capacity} > 0`),
    check('events_time_order', sql`${t.endsAt} > ${t.startsAt}`),
    check('events_registration_window_order', sql`${t.registrationClosesAt} > ${t.registrationOpensAt}`),
  ],
);

/**
 * One sign-up: a person, or a group (school, workplace) of `groupSize` people. `waitingSince`
 * orders the waiting list. Manage links live in event_registration_links.
 */
export const eventRegistrations = pgTable(
  'event_registrations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    status: registrationStatusEnum('status').notNull(),
    name: text('name').notNull(),
    /** Lower-cased. */
    email: text('email').notNull(),
    phone: text('phone').notNull().default(''),
    municipalityId: text('municipality_id')
      .notNull()
      .references(() => municipalities.id),
    heardFrom: heardFromEnum('heard_from').notNull(),
    isGroup: boolean('is_group').notNull().default(false),
    institutionName: text('institution_name').notNull().default(''),
    groupSize: integer('group_size').notNull().default(1),
    accessibilityNeeds: text('accessibility_needs').notNull().default(''),
    /** Language the person used; their e-mails and manage page follow it. */
    locale: text('locale').notNull().default('es'),
    privacyNoticeId: integer('privacy_notice_id')
      .notNull()
      .references(() => privacyNotices.id),
    consentedAt: tz('consented_at').notNull(),
    waitingSince: tz('waiting_since'),
    confirmedAt: tz('confirmed_at'),
    cancelledAt: tz('cancelled_at'),
    attendedAt: tz('attended_at'),
    attendedCount: integer('attended_count'),
    reminderQueuedAt: tz('reminder_queued_at'),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    // One live registration per person per event; after cancelling they may sign up again.
    uniqueIndex('event_registrations_active_email_unique')
      .on(t.eventId, t.email)
      .where(sql`${t.status} <> 'cancelled'`),
    index('event_registrations_event_status_idx').on(t.eventId, t.status),
    check('event_registrations_group_size_positive', sql`${t.groupSize} > 0`),
  ],
);

/**
 * Manage links (/registro/[token]): only the SHA-256 of each token is stored. Every e-mail that
 * carries a link mints a new one, so a promotion or reminder can include a working link without
 * the original token ever being kept; all stay valid while the registration exists.
 */
export const eventRegistrationLinks = pgTable(
  'event_registration_links',
  {
    tokenHash: text('token_hash').primaryKey(),
    registrationId: integer('registration_id')
      .notNull()
      .references(() => eventRegistrations.id, { onDelete: 'cascade' }),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [index('event_registration_links_registration_idx').on(t.registrationId)],
);

export const checkinKindEnum = pgEnum('event_checkin_kind', ['attend', 'undo', 'walk_in']);

/**
 * Every tap on the check-in screen, keyed by an id the phone generates: a retried tap hits the
 * primary key and changes nothing. Walk-ins are counted here.
 */
export const eventCheckins = pgTable(
  'event_checkins',
  {
    clientId: text('client_id').primaryKey(),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    kind: checkinKindEnum('kind').notNull(),
    registrationId: integer('registration_id').references(() => eventRegistrations.id, {
      onDelete: 'cascade',
    }),
    count: integer('count').notNull().default(1),
    walkInName: text('walk_in_name').notNull().default(''),
    byUserId: integer('by_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** When the tap happened on the phone (it may arrive later, after being queued offline). */
    tappedAt: tz('tapped_at').notNull(),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('event_checkins_event_idx').on(t.eventId, t.kind),
    check('event_checkins_count_positive', sql`${t.count} > 0`),
  ],
);
