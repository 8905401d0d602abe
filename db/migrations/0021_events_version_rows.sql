-- The 'events' counter (migration 0016) moves only when a statement really changed rows of
-- events or event_registrations. A statement that touches none (a sign-up refused inside its own
-- INSERT … SELECT, an UPDATE whose WHERE matched nothing) no longer empties every instance's
-- event pages from their cache. Each trigger sees the statement's rows as a transition table.
CREATE OR REPLACE FUNCTION bump_events_content_version_if_rows() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v bigint;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM changed_rows) THEN
    RETURN NULL;
  END IF;
  INSERT INTO content_versions (key, version, updated_at) VALUES ('events', 2, now())
  ON CONFLICT (key) DO UPDATE SET version = content_versions.version + 1, updated_at = now()
  RETURNING version INTO v;
  PERFORM pg_notify('events_content', v::text);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS events_public_content ON events;
--> statement-breakpoint
DROP TRIGGER IF EXISTS event_registrations_public_content ON event_registrations;
--> statement-breakpoint
CREATE TRIGGER events_content_insert AFTER INSERT ON events REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION bump_events_content_version_if_rows();
--> statement-breakpoint
CREATE TRIGGER events_content_update AFTER UPDATE ON events REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION bump_events_content_version_if_rows();
--> statement-breakpoint
CREATE TRIGGER events_content_delete AFTER DELETE ON events REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION bump_events_content_version_if_rows();
--> statement-breakpoint
CREATE TRIGGER events_content_truncate AFTER TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION bump_events_content_version();
--> statement-breakpoint
CREATE TRIGGER event_registrations_content_insert AFTER INSERT ON event_registrations
  REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION bump_events_content_version_if_rows();
--> statement-breakpoint
CREATE TRIGGER event_registrations_content_update AFTER UPDATE ON event_registrations
  REFERENCING NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION bump_events_content_version_if_rows();
--> statement-breakpoint
CREATE TRIGGER event_registrations_content_delete AFTER DELETE ON event_registrations
  REFERENCING OLD TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION bump_events_content_version_if_rows();
--> statement-breakpoint
CREATE TRIGGER event_registrations_content_truncate AFTER TRUNCATE ON event_registrations
  FOR EACH STATEMENT EXECUTE FUNCTION bump_events_content_version();
