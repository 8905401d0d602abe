-- Name and folio search use trigram indexes (substring match, any position). PGlite loads the
-- extension at start-up; PostgreSQL ships it in contrib.
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "cases_person_name_trgm" ON "cases" USING gin ("person_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "cases_folio_trgm" ON "cases" USING gin ("folio" gin_trgm_ops);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "cases_person_phone_trgm" ON "cases" USING gin ("person_phone" gin_trgm_ops);
