import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { privacyNotices } from './legal';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const day = (name: string) => date(name, { mode: 'string' });

/** The rights of the LFPDPPP: acceso, rectificación, cancelación, oposición, and revocation of consent. */
export const arcoRightEnum = pgEnum('arco_right', [
  'access',
  'rectification',
  'cancellation',
  'opposition',
  'revocation',
]);
export type ArcoRight = (typeof arcoRightEnum.enumValues)[number];

export const arcoStatusEnum = pgEnum('arco_status', [
  'received',
  'needs_info',
  'identity_verified',
  'in_progress',
  'answered',
  'rejected',
]);
export type ArcoStatus = (typeof arcoStatusEnum.enumValues)[number];

/** A request to exercise an ARCO right (solicitud de derechos ARCO). */
export const arcoRequests = pgTable(
  'arco_requests',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** ARCO-2026-0007 */
    folio: text('folio').notNull(),
    /** SHA-256 of the private status-link token. */
    tokenHash: text('token_hash').notNull(),
    right: arcoRightEnum('right').notNull(),
    status: arcoStatusEnum('status').notNull().default('received'),
    /** 'self' (the data's owner, el titular) or 'representative'. */
    requesterKind: text('requester_kind').notNull(),
    /** The owner of the data (titular). */
    holderName: text('holder_name').notNull(),
    representativeName: text('representative_name').notNull().default(''),
    /** Lower-cased; where the answer goes. */
    email: text('email').notNull(),
    /** E.164 or empty. */
    phone: text('phone').notNull().default(''),
    /** 'request' (a workshop folio), 'event', 'call', 'other' */
    referenceKind: text('reference_kind').notNull(),
    reference: text('reference').notNull().default(''),
    /** Which data, and for rectification what is right. */
    description: text('description').notNull(),
    /** 'in_person', 'video', 'copy' (an ID copy sent on request), 'representative_power' */
    identityMethod: text('identity_method').notNull(),
    locale: text('locale').notNull().default('es'),
    privacyNoticeId: integer('privacy_notice_id')
      .notNull()
      .references(() => privacyNotices.id),
    consentedAt: tz('consented_at').notNull(),
    /** Hash of the submitted data, to recognise a double submit within minutes. */
    dedupeHash: text('dedupe_hash').notNull(),
    /** Local date the request was received (the clock starts the next business day). */
    receivedOn: day('received_on').notNull(),
    /** Paper or e-mail requests: staff record it by hand, with who did. */
    receivedOnSetBy: integer('received_on_set_by').references(() => users.id),
    /** Last status change's reason, shown to the person (and the legal ground when rejected). */
    statusReason: text('status_reason'),
    /** Local date of the answer (respondida / improcedente); the 15 days to make it effective start here. */
    answeredOn: day('answered_on'),
    /** Local date the answer was made effective (data delivered, corrected, removed or flagged). */
    effectiveOn: day('effective_on'),
    /**
     * What fulfilment did, for the answer letter: records corrected, anonymised, kept (with the
     * reason the law requires keeping them) and contacts flagged.
     */
    outcome: jsonb('outcome'),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('arco_requests_folio_unique').on(t.folio),
    uniqueIndex('arco_requests_token_unique').on(t.tokenHash),
    index('arco_requests_status_idx').on(t.status, t.receivedOn),
    check('arco_requests_requester_kind', sql`${t.requesterKind} in ('self', 'representative')`),
    check('arco_requests_reference_kind', sql`${t.referenceKind} in ('request', 'event', 'call', 'other')`),
    check(
      'arco_requests_identity_method',
      sql`${t.identityMethod} in ('in_person', 'video', 'copy', 'representative_power')`,
    ),
  ],
);

/** Days the clock stood still while we waited for the person's information (requiere información). */
export const arcoPauses = pgTable(
  'arco_pauses',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    requestId: integer('request_id')
      .notNull()
      .references(() => arcoRequests.id, { onDelete: 'cascade' }),
    fromDay: day('from_day').notNull(),
    /** Null while still waiting. */
    toDay: day('to_day'),
  },
  (t) => [index('arco_pauses_request_idx').on(t.requestId)],
);

export const arcoHistory = pgTable(
  'arco_history',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    requestId: integer('request_id')
      .notNull()
      .references(() => arcoRequests.id, { onDelete: 'cascade' }),
    fromStatus: arcoStatusEnum('from_status'),
    toStatus: arcoStatusEnum('to_status').notNull(),
    reason: text('reason'),
    actorUserId: integer('actor_user_id').references(() => users.id),
    at: tz('at').notNull().defaultNow(),
  },
  (t) => [index('arco_history_request_idx').on(t.requestId, t.at)],
);

/**
 * The access report: what was found, as it will be released. Reviewed by a person with the
 * privacy permission; case contents also by a supervisor; then released (all audited).
 */
export const arcoReports = pgTable('arco_reports', {
  requestId: integer('request_id')
    .primaryKey()
    .references(() => arcoRequests.id, { onDelete: 'cascade' }),
  /** The search terms used (e-mail, phone, folios), so a reviewer sees what was asked. */
  terms: jsonb('terms').notNull(),
  /** The sections found, each feature's own rows as plain labels and values. */
  sections: jsonb('sections').notNull(),
  builtBy: integer('built_by')
    .notNull()
    .references(() => users.id),
  builtAt: tz('built_at').notNull(),
  reviewedBy: integer('reviewed_by').references(() => users.id),
  reviewedAt: tz('reviewed_at'),
  caseReviewedBy: integer('case_reviewed_by').references(() => users.id),
  caseReviewedAt: tz('case_reviewed_at'),
  releasedBy: integer('released_by').references(() => users.id),
  releasedAt: tz('released_at'),
});

/**
 * Opposition and revocation of consent: an address or number that gets no promotional or
 * reminder mail, and is left out of reports that list people. Mailers ask
 * `isContactSuppressed` (src/lib/server/mail/suppressions.ts).
 */
export const contactSuppressions = pgTable(
  'contact_suppressions',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** 'email' (lower-cased) or 'phone' (E.164). */
    kind: text('kind').notNull(),
    value: text('value').notNull(),
    arcoRequestId: integer('arco_request_id').references(() => arcoRequests.id, { onDelete: 'set null' }),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('contact_suppressions_value_unique').on(t.kind, t.value),
    check('contact_suppressions_kind', sql`${t.kind} in ('email', 'phone')`),
  ],
);
