import { integer, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Integral notice (public site) and simplified notice (read out on the phone). */
export const privacyNoticeKindEnum = pgEnum('privacy_notice_kind', ['integral', 'simplificado']);

/**
 * Privacy notices (avisos de privacidad), versioned: a consent records the id of the version
 * the person saw, so the text they agreed to can always be shown again. Rows are never edited
 * once published; a change is a new version.
 */
export const privacyNotices = pgTable(
  'privacy_notices',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    kind: privacyNoticeKindEnum('kind').notNull().default('integral'),
    version: text('version').notNull(),
    title: text('title').notNull(),
    /** Plain text with blank lines between paragraphs; rendered escaped. */
    body: text('body').notNull(),
    publishedAt: tz('published_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('privacy_notices_kind_version_unique').on(t.kind, t.version)],
);
