-- Public event pages in the page cache (issue 17): any change to an event or to who holds its
-- seats bumps the 'events' counter in the same transaction, whoever makes it (a sign-up, a
-- cancellation with its promotions, a staff edit, psql), so no instance serves an old seat count.
-- Statement-level: a cancellation that promotes several people bumps once per statement.
-- It also notifies 'events_content' (delivered at commit) for the embedded database, which
-- keeps the counter in memory instead of reading it per request.
CREATE OR REPLACE FUNCTION bump_events_content_version() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v bigint;
BEGIN
  INSERT INTO content_versions (key, version, updated_at) VALUES ('events', 2, now())
  ON CONFLICT (key) DO UPDATE SET version = content_versions.version + 1, updated_at = now()
  RETURNING version INTO v;
  PERFORM pg_notify('events_content', v::text);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
INSERT INTO content_versions (key, version) VALUES ('events', 1) ON CONFLICT (key) DO NOTHING;
--> statement-breakpoint
DROP TRIGGER IF EXISTS events_public_content ON events;
--> statement-breakpoint
CREATE TRIGGER events_public_content AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION bump_events_content_version();
--> statement-breakpoint
DROP TRIGGER IF EXISTS event_registrations_public_content ON event_registrations;
--> statement-breakpoint
CREATE TRIGGER event_registrations_public_content AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON event_registrations
  FOR EACH STATEMENT EXECUTE FUNCTION bump_events_content_version();
