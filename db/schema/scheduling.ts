import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
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
import { municipalities } from './reference';
import { workshopRequests } from './requests';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const activityTypeEnum = pgEnum('activity_type', [
  'workshop',
  'public_event',
  'field',
  'flyering',
  'meeting',
  'training',
  'other',
]);
export type ActivityType = (typeof activityTypeEnum.enumValues)[number];

export const activityStatusEnum = pgEnum('activity_status', ['tentative', 'confirmed', 'done', 'cancelled']);
export type ActivityStatus = (typeof activityStatusEnum.enumValues)[number];

export const activityModalityEnum = pgEnum('activity_modality', ['presencial', 'en_linea']);

/** Attendance by group, where known; every field optional. */
export interface AttendanceBreakdown {
  women?: number;
  men?: number;
  otherSex?: number;
  children?: number;
  teens?: number;
  adults?: number;
  olderAdults?: number;
}

/**
 * One outreach item on the shared calendar (actividad). The overlap rule does not live here
 * but on `operator_bookings`, which a trigger keeps in step with start, end and status.
 * A GiST index on tstzrange(starts_at, ends_at) (custom migration) serves the calendar feed.
 */
export const activities = pgTable(
  'activities',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    type: activityTypeEnum('type').notNull(),
    title: text('title').notNull(),
    startsAt: tz('starts_at').notNull(),
    endsAt: tz('ends_at').notNull(),
    /** IANA zone of the place (Ciudad Juárez differs from Chihuahua); used to read and show local times. */
    timeZone: text('time_zone').notNull(),
    modality: activityModalityEnum('modality').notNull().default('presencial'),
    place: text('place').notNull().default(''),
    municipalityId: text('municipality_id').references(() => municipalities.id),
    onlineUrl: text('online_url'),
    status: activityStatusEnum('status').notNull().default('tentative'),
    workshopRequestId: integer('workshop_request_id').references(() => workshopRequests.id),
    notes: text('notes').notNull().default(''),
    /** Bumped on every change of time/place/status: the iCalendar SEQUENCE. */
    sequence: integer('sequence').notNull().default(0),
    /** A supervisor's reason for going below the hotline's minimum cover, when they did. */
    coverageOverrideReason: text('coverage_override_reason'),
    cancelReason: text('cancel_reason'),
    attendanceTotal: integer('attendance_total'),
    attendance: jsonb('attendance').$type<AttendanceBreakdown>(),
    outcomeNotes: text('outcome_notes'),
    materials: text('materials'),
    outcomeRecordedAt: tz('outcome_recorded_at'),
    outcomeRecordedBy: integer('outcome_recorded_by').references(() => users.id),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('activities_order', sql`${t.endsAt} > ${t.startsAt}`),
    check(
      'activities_attendance_nonnegative',
      sql`${t.attendanceTotal} is null or ${t.attendanceTotal} >= 0`,
    ),
    index('activities_starts_idx').on(t.startsAt),
    // A request is fulfilled by at most one live activity; a cancelled one may be replaced.
    uniqueIndex('activities_request_live_unique')
      .on(t.workshopRequestId)
      .where(sql`${t.workshopRequestId} is not null and ${t.status} <> 'cancelled'`),
  ],
);

export const bookingKindEnum = pgEnum('booking_kind', ['activity', 'time_off']);

/**
 * An operator's occupied time: an assignment to an activity, or time off. The exclusion
 * constraint `operator_bookings_no_overlap` (custom migration, btree_gist) refuses two active
 * rows of one operator whose ranges overlap, whatever the race. For assignments, a trigger
 * copies start, end and `active` (activity tentative or confirmed) from the activity.
 */
export const operatorBookings = pgTable(
  'operator_bookings',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    operatorId: integer('operator_id')
      .notNull()
      .references(() => users.id),
    kind: bookingKindEnum('kind').notNull(),
    activityId: integer('activity_id').references(() => activities.id, { onDelete: 'cascade' }),
    startsAt: tz('starts_at').notNull(),
    endsAt: tz('ends_at').notNull(),
    active: boolean('active').notNull().default(true),
    /** Time off only: a short reason ("vacaciones", "curso"); never health details. */
    reason: text('reason'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [
    check('operator_bookings_order', sql`${t.endsAt} > ${t.startsAt}`),
    check('operator_bookings_kind', sql`(${t.kind} = 'activity') = (${t.activityId} is not null)`),
    uniqueIndex('operator_bookings_activity_operator_unique').on(t.activityId, t.operatorId),
    index('operator_bookings_operator_idx').on(t.operatorId, t.startsAt),
  ],
);

/** Private iCalendar feed per user; only the SHA-256 of the token is kept. Deleting revokes. */
export const calendarFeedTokens = pgTable('calendar_feed_tokens', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt: tz('created_at').notNull().defaultNow(),
  lastUsedAt: tz('last_used_at'),
});

/**
 * Reminders already queued: one row per activity, recipient and start time, so a reminder is
 * never sent twice (a moved activity gets a fresh one for its new time).
 */
export const activityReminders = pgTable(
  'activity_reminders',
  {
    activityId: integer('activity_id')
      .notNull()
      .references(() => activities.id, { onDelete: 'cascade' }),
    /** 'operator:<userId>' or 'institution'. */
    recipient: text('recipient').notNull(),
    startsAt: tz('starts_at').notNull(),
    queuedAt: tz('queued_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.recipient, t.startsAt] })],
);
