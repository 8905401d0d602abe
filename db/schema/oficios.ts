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
import { cases } from './cases';
import { dirOrganizations } from './directory';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const oficioStatusEnum = pgEnum('oficio_status', [
  'draft',
  'sent',
  'acknowledged',
  'answered',
  'overdue',
]);
export type OficioStatus = (typeof oficioStatusEnum.enumValues)[number];
export const oficioMethodEnum = pgEnum('oficio_method', ['oficialia', 'hand', 'email', 'courier']);

/**
 * A numbered letter to an authority about a case (oficio), then its tracking: acknowledgement
 * of receipt (acuse), response due date and response. Status moves along OFICIO_TRANSITIONS.
 */
export const oficios = pgTable(
  'oficios',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    /** OF-2026-0012 */
    number: text('number').notNull(),
    status: oficioStatusEnum('status').notNull().default('draft'),
    addresseeOrganizationId: integer('addressee_organization_id').references(() => dirOrganizations.id),
    addresseeName: text('addressee_name').notNull(),
    addresseeTitle: text('addressee_title').notNull().default(''),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    sentOn: date('sent_on', { mode: 'string' }),
    sentMethod: oficioMethodEnum('sent_method'),
    ackOn: date('ack_on', { mode: 'string' }),
    responseDueOn: date('response_due_on', { mode: 'string' }),
    responseOn: date('response_on', { mode: 'string' }),
    responseSummary: text('response_summary').notNull().default(''),
    createdById: integer('created_by_id')
      .notNull()
      .references(() => users.id),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('oficios_number_unique').on(t.number),
    index('oficios_case_idx').on(t.caseId),
    index('oficios_due_idx')
      .on(t.responseDueOn)
      .where(sql`${t.status} in ('sent', 'acknowledged', 'overdue')`),
    check(
      'oficios_sent_complete',
      sql`${t.status} = 'draft' or (${t.sentOn} is not null and ${t.sentMethod} is not null)`,
    ),
    check('oficios_answered_complete', sql`${t.status} <> 'answered' or ${t.responseOn} is not null`),
  ],
);
