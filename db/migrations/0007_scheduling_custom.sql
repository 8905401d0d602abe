-- Scheduling rules drizzle cannot express. See db/schema/scheduling.ts.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
-- An operator cannot hold two active bookings (assignment to a tentative/confirmed activity,
-- or time off) whose ranges overlap. Half-open ranges: back-to-back is allowed.
ALTER TABLE "operator_bookings" ADD CONSTRAINT "operator_bookings_no_overlap"
  EXCLUDE USING gist ("operator_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&) WHERE ("active");
--> statement-breakpoint
-- The calendar feed asks "what overlaps this visible range"; a GiST index answers it.
CREATE INDEX IF NOT EXISTS "activities_range_idx" ON "activities" USING gist (tstzrange("starts_at", "ends_at", '[)'));
--> statement-breakpoint
-- An assignment row always mirrors its activity's range and liveness, whoever writes it.
CREATE OR REPLACE FUNCTION operator_bookings_mirror_activity() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.kind = 'activity' THEN
    SELECT a.starts_at, a.ends_at, a.status IN ('tentative', 'confirmed')
      INTO NEW.starts_at, NEW.ends_at, NEW.active
      FROM activities a WHERE a.id = NEW.activity_id;
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER operator_bookings_mirror_activity BEFORE INSERT OR UPDATE ON "operator_bookings"
  FOR EACH ROW EXECUTE FUNCTION operator_bookings_mirror_activity();
--> statement-breakpoint
-- Moving, resizing, cancelling or finishing an activity moves its assignments in the same
-- statement, so the exclusion constraint judges the move itself.
CREATE OR REPLACE FUNCTION activities_sync_bookings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE operator_bookings SET starts_at = NEW.starts_at, ends_at = NEW.ends_at,
    active = NEW.status IN ('tentative', 'confirmed')
  WHERE activity_id = NEW.id;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER activities_sync_bookings AFTER UPDATE OF starts_at, ends_at, status ON "activities"
  FOR EACH ROW EXECUTE FUNCTION activities_sync_bookings();
