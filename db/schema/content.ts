import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
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

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** Raw bytes (uploaded images), returned as a Buffer/Uint8Array by both drivers. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

export const contentChannelEnum = pgEnum('content_channel', [
  'facebook',
  'instagram',
  'x',
  'tiktok',
  'whatsapp',
  'website',
  'print',
]);
export type ContentChannel = (typeof contentChannelEnum.enumValues)[number];

export const contentStatusEnum = pgEnum('content_status', [
  'idea',
  'draft',
  'in_review',
  'approved',
  'scheduled',
  'published',
  'cancelled',
]);
export type ContentStatus = (typeof contentStatusEnum.enumValues)[number];

export const campaignStatusEnum = pgEnum('content_campaign_status', ['planned', 'active', 'finished']);
export type CampaignStatus = (typeof campaignStatusEnum.enumValues)[number];

/** What a post promotes. Events (issue 5) and activities (issue 4) live in other modules. */
export const promotesKindEnum = pgEnum('content_promotes_kind', ['event', 'activity']);
export type PromotesKind = (typeof promotesKindEnum.enumValues)[number];

/** Role of a post inside an automatically generated series for an event or activity. */
export const seriesRoleEnum = pgEnum('content_series_role', ['announce', 'reminder', 'recap']);
export type SeriesRole = (typeof seriesRoleEnum.enumValues)[number];

/** A communication campaign (e.g. 25N, a month against school bullying) and its results. */
export const contentCampaigns = pgTable(
  'content_campaigns',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    goal: text('goal').notNull().default(''),
    audience: text('audience').notNull().default(''),
    /** Calendar days in the organisation's zone, 'YYYY-MM-DD'. */
    startsOn: date('starts_on', { mode: 'string' }).notNull(),
    endsOn: date('ends_on', { mode: 'string' }).notNull(),
    /** #rrggbb, used for the posts on the calendar. */
    color: text('color').notNull().default('#6b1a50'),
    ownerId: integer('owner_id').references(() => users.id, { onDelete: 'set null' }),
    status: campaignStatusEnum('status').notNull().default('planned'),
    resultReach: integer('result_reach'),
    resultCalls: integer('result_calls'),
    resultRegistrations: integer('result_registrations'),
    resultNotes: text('result_notes').notNull().default(''),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('content_campaigns_dates', sql`${t.endsOn} >= ${t.startsOn}`),
    check('content_campaigns_color', sql`${t.color} ~ '^#[0-9a-f]{6}$'`),
    check(
      'content_campaigns_results',
      sql`coalesce(${t.resultReach}, 0) >= 0 and coalesce(${t.resultCalls}, 0) >= 0 and coalesce(${t.resultRegistrations}, 0) >= 0`,
    ),
  ],
);

/** Per-channel copy where it differs from the main copy, e.g. a shorter text for X. */
export type ChannelVariants = Partial<Record<ContentChannel, string>>;

/** A planned piece of content: one copy for one or more channels, on a date. */
export const contentPosts = pgTable(
  'content_posts',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    campaignId: integer('campaign_id').references(() => contentCampaigns.id, { onDelete: 'set null' }),
    title: text('title').notNull(),
    channels: contentChannelEnum('channels').array().notNull(),
    plannedAt: tz('planned_at').notNull(),
    copy: text('copy').notNull().default(''),
    variants: jsonb('variants').$type<ChannelVariants>().notNull().default({}),
    language: text('language').notNull().default('es'),
    assigneeId: integer('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    status: contentStatusEnum('status').notNull().default('idea'),
    promotesKind: promotesKindEnum('promotes_kind'),
    promotesId: integer('promotes_id'),
    /** Copied from the event/activity so the calendar needs no join into another module. */
    promotesTitle: text('promotes_title'),
    promotesStart: tz('promotes_start'),
    seriesRole: seriesRoleEnum('series_role'),
    /** A series post someone changed by hand no longer follows its event when it moves. */
    editedByHand: boolean('edited_by_hand').notNull().default(false),
    publishedAt: tz('published_at'),
    publishedById: integer('published_by_id').references(() => users.id, { onDelete: 'set null' }),
    publishedUrl: text('published_url'),
    publishedWhere: text('published_where'),
    /** Bumped on every change; a drag made on a stale calendar is refused. */
    version: integer('version').notNull().default(1),
    createdById: integer('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('content_posts_planned_idx').on(t.plannedAt),
    index('content_posts_campaign_idx').on(t.campaignId),
    index('content_posts_status_idx').on(t.status, t.plannedAt),
    index('content_posts_promotes_idx').on(t.promotesKind, t.promotesId),
    // One announce, one reminder and one recap per event/activity: generating twice is harmless.
    uniqueIndex('content_posts_series_unique')
      .on(t.promotesKind, t.promotesId, t.seriesRole)
      .where(sql`${t.seriesRole} is not null`),
    check('content_posts_channels_nonempty', sql`cardinality(${t.channels}) > 0`),
    check('content_posts_language', sql`${t.language} in ('es', 'en')`),
    check('content_posts_promotes_pair', sql`(${t.promotesKind} is null) = (${t.promotesId} is null)`),
    check(
      'content_posts_published_fields',
      sql`${t.status} <> 'published' or (${t.publishedAt} is not null and ${t.publishedWhere} is not null)`,
    ),
  ],
);

export const contentHistoryKindEnum = pgEnum('content_history_kind', [
  'created',
  'status',
  'comment',
  'edited',
  'moved',
  'asset',
]);

/** Everything that happened to a post, comments included, in order. */
export const contentPostHistory = pgTable(
  'content_post_history',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    postId: integer('post_id')
      .notNull()
      .references(() => contentPosts.id, { onDelete: 'cascade' }),
    kind: contentHistoryKindEnum('kind').notNull(),
    fromStatus: contentStatusEnum('from_status'),
    toStatus: contentStatusEnum('to_status'),
    body: text('body').notNull().default(''),
    actorUserId: integer('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    at: tz('at').notNull().defaultNow(),
  },
  (t) => [index('content_post_history_post_idx').on(t.postId, t.at)],
);

/**
 * Images and documents for a post. Either an upload (bytes stored here, so every instance
 * serves them and backups include them) or a link; alt text is always required.
 */
export const contentAssets = pgTable(
  'content_assets',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    postId: integer('post_id')
      .notNull()
      .references(() => contentPosts.id, { onDelete: 'cascade' }),
    altText: text('alt_text').notNull(),
    url: text('url'),
    filename: text('filename'),
    mimeType: text('mime_type'),
    sizeBytes: integer('size_bytes'),
    data: bytea('data'),
    createdById: integer('created_by_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('content_assets_post_idx').on(t.postId),
    check('content_assets_alt', sql`length(trim(${t.altText})) > 0`),
    check('content_assets_kind', sql`(${t.url} is not null) <> (${t.data} is not null)`),
  ],
);

/**
 * Communications staff who may approve posts ("comms leads"). Admins and supervisors always
 * may; this list adds comms users without touching the users table.
 */
export const contentApprovers = pgTable('content_approvers', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  addedById: integer('added_by_id').references(() => users.id, { onDelete: 'set null' }),
  addedAt: tz('added_at').notNull().defaultNow(),
});
