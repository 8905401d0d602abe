import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgSequence,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { activities } from './scheduling';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** The live floor's states: en línea, en llamada, en descanso, en campo, en reunión, fuera de turno. */
export const floorStateEnum = pgEnum('floor_state', [
  'online',
  'on_call',
  'break',
  'field',
  'meeting',
  'off',
]);
export type FloorState = (typeof floorStateEnum.enumValues)[number];

export const breakKindEnum = pgEnum('floor_break_kind', ['meal', 'restroom', 'pause']);
export type BreakKind = (typeof breakKindEnum.enumValues)[number];

export const helpReasonEnum = pgEnum('floor_help_reason', ['crisis', 'legal', 'threat', 'other']);
export type HelpReason = (typeof helpReasonEnum.enumValues)[number];

/**
 * One number for every change on the floor (a state opened, a help request raised, answered or
 * closed): the stream's event id. A client that reconnects with `Last-Event-ID` gets every row
 * whose `event_id` is greater.
 */
export const floorEventSeq = pgSequence('floor_event_seq');
const eventId = () =>
  bigint('event_id', { mode: 'number' })
    .notNull()
    .default(sql`nextval('floor_event_seq')`);

/**
 * State history: one row per state a person was in, from `started_at` to `ended_at`. The open
 * row (no end) is the current state; the database keeps at most one per person.
 * Written only by src/features/floor/floor.server.ts.
 */
export const floorStates = pgTable(
  'floor_states',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    state: floorStateEnum('state').notNull(),
    breakKind: breakKindEnum('break_kind'),
    activityId: integer('activity_id').references(() => activities.id, { onDelete: 'set null' }),
    startedAt: tz('started_at').notNull().defaultNow(),
    endedAt: tz('ended_at'),
    note: text('note').notNull().default(''),
    eventId: eventId(),
  },
  (t) => [
    uniqueIndex('floor_states_one_open_idx')
      .on(t.userId)
      .where(sql`${t.endedAt} is null`),
    index('floor_states_user_started_idx').on(t.userId, t.startedAt),
    index('floor_states_event_idx').on(t.eventId),
    check('floor_states_break_kind', sql`(${t.state} = 'break') = (${t.breakKind} is not null)`),
    check('floor_states_order', sql`${t.endedAt} is null or ${t.endedAt} >= ${t.startedAt}`),
    check('floor_states_note_len', sql`char_length(${t.note}) <= 140`),
  ],
);

/** "Pedir apoyo": a hard call. A reason from a list and ≤140 characters; never case data. */
export const helpRequests = pgTable(
  'help_requests',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    reason: helpReasonEnum('reason').notNull().default('other'),
    text: text('text').notNull().default(''),
    createdAt: tz('created_at').notNull().defaultNow(),
    answeredBy: integer('answered_by').references(() => users.id, { onDelete: 'set null' }),
    answeredAt: tz('answered_at'),
    closedAt: tz('closed_at'),
    /** The asker's annotation in the bitácora (≤140 characters, never case data). */
    note: text('note').notNull().default(''),
    /** Bumped on every change (raised, "Voy", closed), so a replay gives the latest of each. */
    eventId: eventId(),
  },
  (t) => [
    index('help_requests_open_idx')
      .on(t.createdAt)
      .where(sql`${t.closedAt} is null`),
    index('help_requests_event_idx').on(t.eventId),
    check('help_requests_text_len', sql`char_length(${t.text}) <= 140`),
    check('help_requests_note_len', sql`char_length(${t.note}) <= 140`),
    index('help_requests_user_created_idx').on(t.userId, t.createdAt),
  ],
);

/** Per-person preferences of the live floor: the alert sound is off until the person turns it on. */
export const floorPrefs = pgTable('floor_prefs', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  sound: boolean('sound').notNull().default(false),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});
