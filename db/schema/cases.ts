import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  type AnyPgColumn,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { privacyNotices } from './legal';
import { municipalities } from './reference';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Two-level taxonomy of crimes and problems (SESNSP tipo → subtipo, plus non-crime problems a
 * victim hotline sees). Top-level rows have no parent. Admins can rename and retire entries;
 * rows are never deleted because contacts point at them.
 */
export const caseCategories = pgTable(
  'case_categories',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    parentId: integer('parent_id').references((): AnyPgColumn => caseCategories.id),
    name: text('name').notNull(),
    /** Stable key of seeded rows, so re-seeding never duplicates an entry an admin renamed. */
    seedKey: text('seed_key'),
    /** 'sesnsp' for the official catalogue, 'linea' for the hotline's own problems. */
    source: text('source').notNull().default('linea'),
    active: boolean('active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [
    uniqueIndex('case_categories_parent_name_unique').on(sql`coalesce(${t.parentId}, 0)`, t.name),
    uniqueIndex('case_categories_seed_key_unique').on(t.seedKey),
  ],
);

export const caseStatusEnum = pgEnum('case_status', ['open', 'follow_up', 'closed']);
export type CaseStatus = (typeof caseStatusEnum.enumValues)[number];

/** A case groups the contacts about one situation. */
export const cases = pgTable(
  'cases',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** LC-2026-00123 */
    folio: text('folio').notNull(),
    status: caseStatusEnum('status').notNull().default('open'),
    ownerId: integer('owner_id')
      .notNull()
      .references(() => users.id),
    /** Name of the main person as given (empty when anonymous); copied from the first contact for search. */
    personName: text('person_name').notNull().default(''),
    /** Digits only, for search by phone. Only kept when the person consented to follow-up. */
    personPhone: text('person_phone').notNull().default(''),
    openedAt: tz('opened_at').notNull().defaultNow(),
    closedAt: tz('closed_at'),
    /** Set by the retention job once personal data has been removed. */
    anonymizedAt: tz('anonymized_at'),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('cases_folio_unique').on(t.folio),
    index('cases_owner_idx').on(t.ownerId, t.openedAt),
    index('cases_status_opened_idx').on(t.status, t.openedAt),
    index('cases_opened_idx').on(t.openedAt),
    index('cases_closed_idx').on(t.closedAt),
    index('cases_person_phone_idx').on(t.personPhone),
  ],
);

/** Operators assigned to a case besides its owner; they see and edit it too. */
export const caseAssignees = pgTable(
  'case_assignees',
  {
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    assignedAt: tz('assigned_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.caseId, t.userId] }),
    index('case_assignees_user_idx').on(t.userId, t.caseId),
  ],
);

export const contactChannelEnum = pgEnum('contact_channel', [
  'phone',
  'whatsapp',
  'walk_in',
  'field',
  'email',
  'social',
]);
export const callTypeEnum = pgEnum('call_type', [
  'data',
  'silent',
  'hang_up',
  'prank',
  'wrong_number',
  'information',
]);
export const callerRoleEnum = pgEnum('caller_role', ['victim', 'witness', 'relative', 'other']);
export const ageRangeEnum = pgEnum('age_range', [
  'unknown',
  '0-11',
  '12-17',
  '18-29',
  '30-44',
  '45-59',
  '60+',
]);
export const genderEnum = pgEnum('gender', ['unknown', 'woman', 'man', 'non_binary', 'other']);
export const riskLevelEnum = pgEnum('risk_level', ['none', 'low', 'medium', 'high']);
export const reportStatusEnum = pgEnum('report_status', [
  'not_applicable',
  'encouraged',
  'filed',
  'declined',
]);

/**
 * One call, message, walk-in or field visit. Non-data calls (silent, hang-up, prank, wrong
 * number, information only) have no case and no person.
 */
export const contacts = pgTable(
  'contacts',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    caseId: integer('case_id').references(() => cases.id, { onDelete: 'cascade' }),
    operatorId: integer('operator_id')
      .notNull()
      .references(() => users.id),
    startedAt: tz('started_at').notNull(),
    channel: contactChannelEnum('channel').notNull(),
    durationMinutes: integer('duration_minutes').notNull().default(0),
    callType: callTypeEnum('call_type').notNull(),
    callerRole: callerRoleEnum('caller_role'),
    anonymous: boolean('anonymous').notNull().default(true),
    personName: text('person_name').notNull().default(''),
    ageRange: ageRangeEnum('age_range').notNull().default('unknown'),
    gender: genderEnum('gender').notNull().default('unknown'),
    municipalityId: text('municipality_id').references(() => municipalities.id),
    followUpConsent: boolean('follow_up_consent').notNull().default(false),
    /** Only stored with consent to be called back. */
    followUpPhone: text('follow_up_phone').notNull().default(''),
    /** legal, psychological, crisis, accompaniment, referral */
    services: text('services')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    riskLevel: riskLevelEnum('risk_level').notNull().default('none'),
    reportStatus: reportStatusEnum('report_status').notNull().default('not_applicable'),
    reportAuthority: text('report_authority').notNull().default(''),
    reportFileNumber: text('report_file_number').notNull().default(''),
    summary: text('summary').notNull().default(''),
    /** Proof the simplified privacy notice was read out: which version and when. */
    privacyNoticeId: integer('privacy_notice_id').references(() => privacyNotices.id),
    privacyNoticeGivenAt: tz('privacy_notice_given_at'),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('contacts_case_idx').on(t.caseId, t.startedAt),
    index('contacts_operator_day_idx').on(t.operatorId, t.startedAt),
    check('contacts_duration_range', sql`${t.durationMinutes} between 0 and 600`),
    check('contacts_data_has_case', sql`(${t.callType} = 'data') = (${t.caseId} is not null)`),
    check('contacts_notice_pair', sql`(${t.privacyNoticeId} is null) = (${t.privacyNoticeGivenAt} is null)`),
  ],
);

export const contactCategories = pgTable(
  'contact_categories',
  {
    contactId: integer('contact_id')
      .notNull()
      .references(() => contacts.id, { onDelete: 'cascade' }),
    categoryId: integer('category_id')
      .notNull()
      .references(() => caseCategories.id),
  },
  (t) => [
    primaryKey({ columns: [t.contactId, t.categoryId] }),
    index('contact_categories_category_idx').on(t.categoryId, t.contactId),
  ],
);

export const caseNotes = pgTable(
  'case_notes',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    authorId: integer('author_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [index('case_notes_case_idx').on(t.caseId, t.createdAt)],
);

export const followUpTypeEnum = pgEnum('follow_up_type', ['call', 'visit', 'accompaniment']);

/** A call, visit or accompaniment due on a case; done once it has a done date and outcome. */
export const followUps = pgTable(
  'follow_ups',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    assigneeId: integer('assignee_id')
      .notNull()
      .references(() => users.id),
    type: followUpTypeEnum('type').notNull(),
    /** A calendar day in the organisation's zone. */
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    doneAt: tz('done_at'),
    outcome: text('outcome').notNull().default(''),
    createdById: integer('created_by_id')
      .notNull()
      .references(() => users.id),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('follow_ups_case_idx').on(t.caseId),
    index('follow_ups_pending_idx')
      .on(t.assigneeId, t.dueOn)
      .where(sql`${t.doneAt} is null`),
    check('follow_ups_done_has_outcome', sql`${t.doneAt} is null or length(${t.outcome}) > 0`),
  ],
);

/** The contact form an operator is typing, kept server-side so a dropped browser loses nothing. */
export const contactDrafts = pgTable('contact_drafts', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  data: jsonb('data').$type<Record<string, unknown>>().notNull(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});
