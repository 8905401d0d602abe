import {
  boolean,
  integer,
  numeric,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** INEGI municipalities of Chihuahua (cve_ent 08), seeded from db/seed-data. */
export const municipalities = pgTable('municipalities', {
  /** Five-digit INEGI key, e.g. 08037 for Juárez. */
  id: text('id').primaryKey(),
  name: text('name').notNull(),
});

export const workshopModalityEnum = pgEnum('workshop_modality', ['presencial', 'en_linea', 'ambas']);

/** The catalogue of talks and workshops offered to schools and workplaces. */
export const workshops = pgTable(
  'workshops',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    slug: text('slug').notNull(),
    title: text('title').notNull(),
    summary: text('summary').notNull(),
    description: text('description').notNull().default(''),
    audience: text('audience').notNull(),
    /** English texts for /en/; empty means the page shows the Spanish one, marked lang="es". */
    titleEn: text('title_en').notNull().default(''),
    summaryEn: text('summary_en').notNull().default(''),
    descriptionEn: text('description_en').notNull().default(''),
    audienceEn: text('audience_en').notNull().default(''),
    durationMinutes: integer('duration_minutes').notNull(),
    /** Hours a constancia of this workshop states; null prints none. */
    hours: numeric('hours', { precision: 4, scale: 1, mode: 'number' }),
    modality: workshopModalityEnum('modality').notNull().default('ambas'),
    active: boolean('active').notNull().default(true),
    sortOrder: integer('sort_order').notNull().default(0),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('workshops_slug_unique').on(t.slug)],
);

export const institutionTypeEnum = pgEnum('institution_type', [
  'primaria',
  'secundaria',
  'preparatoria',
  'universidad',
  'empresa',
  'centro_comunitario',
  'gobierno',
  'otra',
]);

/** Schools, workplaces and community centres the organisation works with. */
export const institutions = pgTable('institutions', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  name: text('name').notNull(),
  type: institutionTypeEnum('type').notNull(),
  municipalityId: text('municipality_id')
    .notNull()
    .references(() => municipalities.id),
  address: text('address').notNull().default(''),
  createdAt: tz('created_at').notNull().defaultNow(),
});
