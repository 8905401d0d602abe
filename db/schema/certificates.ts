import { sql } from 'drizzle-orm';
import { check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { eventCheckins, eventRegistrations } from './events';
import { activities } from './scheduling';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Who a constancia is for: a checked-in event registration, a named walk-in at an event, the
 * institution's group at a workshop, or the operator who gave the workshop.
 */
export const certificateKindEnum = pgEnum('certificate_kind', [
  'attendee',
  'walk_in',
  'group',
  'facilitator',
]);
export type CertificateKind = (typeof certificateKindEnum.enumValues)[number];

/**
 * One issued constancia: only its verification code and what it certifies (a link to the row).
 * The name, activity and date are read from those rows whenever the PDF or the check page is
 * shown, so a rectified or anonymised record is never contradicted by an old copy here, and a
 * deleted one takes its constancia with it (the check page then says "no encontrada").
 * One row per subject (the partial unique indexes), so every download prints the same code.
 */
export const certificates = pgTable(
  'certificates',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** Random, ≥ 120 bits, base32 lower case; printed on the PDF and in its QR code. */
    code: text('code').notNull(),
    kind: certificateKindEnum('kind').notNull(),
    registrationId: integer('registration_id').references(() => eventRegistrations.id, {
      onDelete: 'cascade',
    }),
    checkinClientId: text('checkin_client_id').references(() => eventCheckins.clientId, {
      onDelete: 'cascade',
    }),
    activityId: integer('activity_id').references(() => activities.id, { onDelete: 'cascade' }),
    userId: integer('user_id').references(() => users.id, { onDelete: 'cascade' }),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('certificates_code_unique').on(t.code),
    uniqueIndex('certificates_registration_unique')
      .on(t.registrationId)
      .where(sql`${t.registrationId} is not null`),
    uniqueIndex('certificates_checkin_unique')
      .on(t.checkinClientId)
      .where(sql`${t.checkinClientId} is not null`),
    uniqueIndex('certificates_group_unique')
      .on(t.activityId)
      .where(sql`${t.kind} = 'group'`),
    uniqueIndex('certificates_facilitator_unique')
      .on(t.activityId, t.userId)
      .where(sql`${t.kind} = 'facilitator'`),
    index('certificates_activity_idx').on(t.activityId),
    check('certificates_code_long', sql`length(${t.code}) >= 20`),
    check(
      'certificates_subject',
      sql`case ${t.kind}
        when 'attendee' then ${t.registrationId} is not null
        when 'walk_in' then ${t.checkinClientId} is not null
        when 'group' then ${t.activityId} is not null
        when 'facilitator' then ${t.activityId} is not null and ${t.userId} is not null
      end`,
    ),
  ],
);
