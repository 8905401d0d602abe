import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { privacyNotices } from './legal';
import { institutionTypeEnum, municipalities, workshops } from './reference';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const requestStatusEnum = pgEnum('request_status', [
  'received',
  'under_review',
  'scheduled',
  'declined',
  'cancelled',
  'completed',
]);
export type RequestStatus = (typeof requestStatusEnum.enumValues)[number];

export const requestModalityEnum = pgEnum('request_modality', ['presencial', 'en_linea']);

/** A school's or workplace's request for a talk or workshop (solicitud). */
export const workshopRequests = pgTable(
  'workshop_requests',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** Human-readable number, e.g. T-2026-0042. */
    folio: text('folio').notNull(),
    /** SHA-256 of the private status-link token; the token itself only travels in the e-mail. */
    tokenHash: text('token_hash').notNull(),
    status: requestStatusEnum('status').notNull().default('received'),
    institutionName: text('institution_name').notNull(),
    institutionType: institutionTypeEnum('institution_type').notNull(),
    municipalityId: text('municipality_id')
      .notNull()
      .references(() => municipalities.id),
    address: text('address').notNull(),
    contactName: text('contact_name').notNull(),
    contactRole: text('contact_role').notNull(),
    contactEmail: text('contact_email').notNull(),
    contactPhone: text('contact_phone').notNull(),
    audienceDescription: text('audience_description').notNull(),
    audienceAges: text('audience_ages').notNull(),
    expectedCount: integer('expected_count').notNull(),
    modality: requestModalityEnum('modality').notNull(),
    notes: text('notes').notNull().default(''),
    privacyNoticeId: integer('privacy_notice_id')
      .notNull()
      .references(() => privacyNotices.id),
    consentedAt: tz('consented_at').notNull(),
    /** Hash of the submitted data, to recognise a double submit within minutes. */
    dedupeHash: text('dedupe_hash').notNull(),
    /** Last status change's reason (declined, cancelled…), shown to the requester. */
    statusReason: text('status_reason'),
    /** What the requester sees once scheduled (filled by scheduling). */
    scheduledStart: tz('scheduled_start'),
    scheduledEnd: tz('scheduled_end'),
    scheduledPlace: text('scheduled_place'),
    scheduledOnlineUrl: text('scheduled_online_url'),
    facilitatorFirstName: text('facilitator_first_name'),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('workshop_requests_folio_unique').on(t.folio),
    uniqueIndex('workshop_requests_token_unique').on(t.tokenHash),
    index('workshop_requests_status_idx').on(t.status, t.createdAt),
    index('workshop_requests_dedupe_idx').on(t.dedupeHash, t.createdAt),
    check('workshop_requests_expected_count_positive', sql`${t.expectedCount} > 0`),
  ],
);

export const workshopRequestTopics = pgTable(
  'workshop_request_topics',
  {
    requestId: integer('request_id')
      .notNull()
      .references(() => workshopRequests.id, { onDelete: 'cascade' }),
    workshopId: integer('workshop_id')
      .notNull()
      .references(() => workshops.id),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.workshopId] })],
);

/** Up to three preferred date-and-time windows. */
export const workshopRequestWindows = pgTable(
  'workshop_request_windows',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    requestId: integer('request_id')
      .notNull()
      .references(() => workshopRequests.id, { onDelete: 'cascade' }),
    startsAt: tz('starts_at').notNull(),
    endsAt: tz('ends_at').notNull(),
  },
  (t) => [
    index('workshop_request_windows_request_idx').on(t.requestId),
    check('workshop_request_windows_order', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/** Every status change, by staff (actorUserId) or by the requester (null). */
export const workshopRequestHistory = pgTable(
  'workshop_request_history',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    requestId: integer('request_id')
      .notNull()
      .references(() => workshopRequests.id, { onDelete: 'cascade' }),
    fromStatus: requestStatusEnum('from_status'),
    toStatus: requestStatusEnum('to_status').notNull(),
    reason: text('reason'),
    actorUserId: integer('actor_user_id').references(() => users.id),
    at: tz('at').notNull().defaultNow(),
  },
  (t) => [index('workshop_request_history_request_idx').on(t.requestId, t.at)],
);

/** The requester's evaluation after the session; one per request. */
export const workshopRequestEvaluations = pgTable(
  'workshop_request_evaluations',
  {
    requestId: integer('request_id')
      .primaryKey()
      .references(() => workshopRequests.id, { onDelete: 'cascade' }),
    satisfaction: smallint('satisfaction').notNull(),
    useful: text('useful').notNull().default(''),
    comments: text('comments').notNull().default(''),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [check('workshop_request_evaluations_satisfaction', sql`${t.satisfaction} between 1 and 5`)],
);

/** Per-year counters for folios (T-2026-0001…), incremented atomically. */
export const folioCounters = pgTable(
  'folio_counters',
  {
    prefix: text('prefix').notNull(),
    year: integer('year').notNull(),
    last: integer('last').notNull(),
  },
  (t) => [primaryKey({ columns: [t.prefix, t.year] })],
);
