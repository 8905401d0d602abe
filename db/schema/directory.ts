import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts';
import { cases } from './cases';
import { municipalities } from './reference';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
/** HSDS 3 ids are UUIDs: each record gets one when it is created and keeps it (the export's id). */
const hsdsId = () => uuid('uuid').notNull().unique().defaultRandom();

/**
 * Referral directory, modelled on Open Referral's Human Services Data Specification (HSDS 3):
 * organization → service, location, service_at_location, phone, contact. Column names follow
 * HSDS where they exist so the export maps one to one.
 */
export const dirOrganizations = pgTable('dir_organizations', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  uuid: hsdsId(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  email: text('email').notNull().default(''),
  website: text('website').notNull().default(''),
  createdAt: tz('created_at').notNull().defaultNow(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
});

/** HSDS service.status values. */
export const dirServiceStatusEnum = pgEnum('dir_service_status', [
  'active',
  'inactive',
  'defunct',
  'temporarily closed',
]);

export const dirServices = pgTable(
  'dir_services',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    uuid: hsdsId(),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => dirOrganizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    status: dirServiceStatusEnum('status').notNull().default('active'),
    description: text('description').notNull().default(''),
    eligibility: text('eligibility').notNull().default(''),
    fees: text('fees').notNull().default(''),
    applicationProcess: text('application_process').notNull().default(''),
    /** Opening hours as people say them ("L-V 8:00 a 15:00"); HSDS schedule.description. */
    hours: text('hours').notNull().default(''),
    email: text('email').notNull().default(''),
    url: text('url').notNull().default(''),
    /** Keys of DIRECTORY_CATEGORIES (HSDS taxonomy terms). */
    categories: text('categories')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** HSDS last_modified / assured_date: when someone last confirmed the data with the service. */
    lastVerifiedOn: date('last_verified_on', { mode: 'string' }),
    verifiedById: integer('verified_by_id').references(() => users.id),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('dir_services_org_idx').on(t.organizationId),
    index('dir_services_verified_idx').on(t.lastVerifiedOn),
  ],
);

export const dirLocations = pgTable(
  'dir_locations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    uuid: hsdsId(),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => dirOrganizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    address1: text('address_1').notNull().default(''),
    city: text('city').notNull().default(''),
    municipalityId: text('municipality_id').references(() => municipalities.id),
    postalCode: text('postal_code').notNull().default(''),
    /** Retired (closed, moved away): kept for history, hidden from the directory and the export. */
    retiredAt: tz('retired_at'),
  },
  (t) => [index('dir_locations_org_idx').on(t.organizationId)],
);

export const dirServiceAtLocation = pgTable(
  'dir_service_at_location',
  {
    serviceId: integer('service_id')
      .notNull()
      .references(() => dirServices.id, { onDelete: 'cascade' }),
    locationId: integer('location_id')
      .notNull()
      .references(() => dirLocations.id, { onDelete: 'cascade' }),
    uuid: hsdsId(),
  },
  (t) => [primaryKey({ columns: [t.serviceId, t.locationId] })],
);

export const dirPhones = pgTable(
  'dir_phones',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    uuid: hsdsId(),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => dirOrganizations.id, { onDelete: 'cascade' }),
    serviceId: integer('service_id').references(() => dirServices.id, { onDelete: 'cascade' }),
    number: text('number').notNull(),
    /** HSDS phone.type: voice, fax, text, cell, video, pager, textphone. */
    type: text('type').notNull().default('voice'),
    description: text('description').notNull().default(''),
    retiredAt: tz('retired_at'),
  },
  (t) => [index('dir_phones_org_idx').on(t.organizationId)],
);

/** People to ask for at an organisation or service (HSDS contact). */
export const dirContacts = pgTable(
  'dir_contacts',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    uuid: hsdsId(),
    organizationId: integer('organization_id')
      .notNull()
      .references(() => dirOrganizations.id, { onDelete: 'cascade' }),
    serviceId: integer('service_id').references(() => dirServices.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    title: text('title').notNull().default(''),
    email: text('email').notNull().default(''),
    phone: text('phone').notNull().default(''),
    retiredAt: tz('retired_at'),
  },
  (t) => [index('dir_contacts_org_idx').on(t.organizationId)],
);

export const referralOutcomeEnum = pgEnum('referral_outcome', [
  'pending',
  'attended',
  'not_attended',
  'declined',
  'unknown',
]);

/** A referral (canalización) of a case to a directory service, and later what came of it. */
export const referrals = pgTable(
  'referrals',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    caseId: integer('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    serviceId: integer('service_id')
      .notNull()
      .references(() => dirServices.id),
    referredById: integer('referred_by_id')
      .notNull()
      .references(() => users.id),
    referredAt: tz('referred_at').notNull().defaultNow(),
    notes: text('notes').notNull().default(''),
    outcome: referralOutcomeEnum('outcome').notNull().default('pending'),
    outcomeNotes: text('outcome_notes').notNull().default(''),
    outcomeAt: tz('outcome_at'),
  },
  (t) => [
    index('referrals_case_idx').on(t.caseId),
    index('referrals_service_idx').on(t.serviceId),
    check('referrals_outcome_dated', sql`(${t.outcome} = 'pending') = (${t.outcomeAt} is null)`),
  ],
);
