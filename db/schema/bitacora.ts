import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from './accounts';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const shiftEnum = pgEnum('shift', ['matutino', 'vespertino', 'nocturno']);

/**
 * An operator's daily log (bitácora) for one shift: the day's activities are read live from
 * their tables; the row holds the free notes, the closing by the operator and the supervisor's
 * sign-off. Once closed the notes are frozen.
 */
export const dailyLogs = pgTable(
  'daily_logs',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    operatorId: integer('operator_id')
      .notNull()
      .references(() => users.id),
    day: date('day', { mode: 'string' }).notNull(),
    shift: shiftEnum('shift').notNull(),
    notes: text('notes').notNull().default(''),
    closedAt: tz('closed_at'),
    signedOffById: integer('signed_off_by_id').references(() => users.id),
    signedOffAt: tz('signed_off_at'),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('daily_logs_operator_day_shift_unique').on(t.operatorId, t.day, t.shift),
    index('daily_logs_pending_idx')
      .on(t.day)
      .where(sql`${t.closedAt} is not null and ${t.signedOffAt} is null`),
    check('daily_logs_signoff_after_close', sql`${t.signedOffAt} is null or ${t.closedAt} is not null`),
  ],
);
