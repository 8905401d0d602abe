-- Public page cache (issue 3): any change to what the public pages render bumps one counter,
-- in the same transaction, whoever makes it (app code, another feature, psql). Instances then
-- check a single primary-key row per request batch instead of scanning several tables.
-- It also notifies 'public_content' (delivered at commit): the embedded database, which only
-- one process can open, uses that instead of a query per request.
CREATE OR REPLACE FUNCTION bump_public_content_version() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v bigint;
BEGIN
  INSERT INTO content_versions (key, version, updated_at) VALUES ('public', 2, now())
  ON CONFLICT (key) DO UPDATE SET version = content_versions.version + 1, updated_at = now()
  RETURNING version INTO v;
  PERFORM pg_notify('public_content', v::text);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
INSERT INTO content_versions (key, version) VALUES ('public', 1) ON CONFLICT (key) DO NOTHING;
--> statement-breakpoint
DROP TRIGGER IF EXISTS workshops_public_content ON workshops;
--> statement-breakpoint
CREATE TRIGGER workshops_public_content AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON workshops
  FOR EACH STATEMENT EXECUTE FUNCTION bump_public_content_version();
--> statement-breakpoint
DROP TRIGGER IF EXISTS settings_public_content ON settings;
--> statement-breakpoint
CREATE TRIGGER settings_public_content AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON settings
  FOR EACH STATEMENT EXECUTE FUNCTION bump_public_content_version();
--> statement-breakpoint
DROP TRIGGER IF EXISTS privacy_notices_public_content ON privacy_notices;
--> statement-breakpoint
CREATE TRIGGER privacy_notices_public_content AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON privacy_notices
  FOR EACH STATEMENT EXECUTE FUNCTION bump_public_content_version();
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS workshop_request_topics_workshop_idx ON workshop_request_topics (workshop_id, request_id);
