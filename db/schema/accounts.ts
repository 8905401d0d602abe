import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const roleEnum = pgEnum('role', ['admin', 'supervisor', 'operator', 'comms']);
export type Role = (typeof roleEnum.enumValues)[number];

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Staff accounts. The e-mail is stored lower-cased; uniqueness is on that form. */
export const users = pgTable(
  'users',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: roleEnum('role').notNull(),
    active: boolean('active').notNull().default(true),
    passwordHash: text('password_hash'),
    passwordChangedAt: tz('password_changed_at'),
    /**
     * Permissions an admin grants beyond the role (src/lib/policy.ts `GRANTS`): 'privacy' lets a
     * supervisor work the ARCO queue.
     */
    grants: text('grants')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_email_unique').on(sql`lower(${t.email})`)],
);

/**
 * Sessions as in the Lucia guide: the id is the SHA-256 of the cookie token, so a leaked
 * table cannot be replayed. `expiresAt` is the sliding idle deadline; `absoluteExpiresAt`
 * caps the whole life of the session whatever the activity.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: tz('created_at').notNull().defaultNow(),
    lastSeenAt: tz('last_seen_at').notNull().defaultNow(),
    expiresAt: tz('expires_at').notNull(),
    absoluteExpiresAt: tz('absolute_expires_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const passwordTokenPurpose = pgEnum('password_token_purpose', ['set', 'reset']);

/** One-time links to set or reset a password; only the SHA-256 of the token is stored. */
export const passwordTokens = pgTable(
  'password_tokens',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: passwordTokenPurpose('purpose').notNull(),
    createdAt: tz('created_at').notNull().defaultNow(),
    expiresAt: tz('expires_at').notNull(),
    usedAt: tz('used_at'),
  },
  (t) => [index('password_tokens_user_idx').on(t.userId)],
);

/**
 * Fixed-window counters shared by every instance (login throttling, public form limits).
 * A row per key; the window restarts when it has elapsed.
 */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: tz('window_start').notNull(),
  count: integer('count').notNull(),
});
