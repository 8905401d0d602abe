import { bigint, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Version counters for content the public pages render (catalogue, settings). An edit bumps
 * its row in the same transaction, so every instance's page cache sees the change on its next
 * request: the counter lives here, not in process memory.
 */
export const contentVersions = pgTable('content_versions', {
  key: text('key').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});
