-- The live floor, part 2 (hand-written).
--
-- 1. State history and help requests are the bitácora's own entries: nobody deletes them, only
--    the retention job (src/features/floor/retention.server.ts), which says so for its one
--    transaction with set_config('vinculo.floor_purge', 'on', true). A cascade from deleting a
--    user (a nested trigger) is let through.
CREATE OR REPLACE FUNCTION floor_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('vinculo.floor_purge', true), '') = 'on' OR pg_trigger_depth() > 1 THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'Las entradas de la línea no se borran; solo vencen por la política de conservación.'
    USING ERRCODE = 'restrict_violation';
END;
$$;--> statement-breakpoint
CREATE TRIGGER floor_states_no_delete BEFORE DELETE ON floor_states
  FOR EACH ROW EXECUTE FUNCTION floor_no_delete();--> statement-breakpoint
CREATE TRIGGER help_requests_no_delete BEFORE DELETE ON help_requests
  FOR EACH ROW EXECUTE FUNCTION floor_no_delete();--> statement-breakpoint
-- 2. A user disabled (or given another role) loses their live streams at once, on every
--    instance: the stream hub listens on vinculo_floor and closes that person's streams.
CREATE OR REPLACE FUNCTION floor_revoke_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('vinculo_floor', json_build_object('type', 'revoke', 'id', 0, 'userId', NEW.id)::text);
  RETURN NEW;
END;
$$;--> statement-breakpoint
CREATE TRIGGER users_floor_revoke AFTER UPDATE OF active, role ON users
  FOR EACH ROW WHEN ((OLD.active AND NOT NEW.active) OR OLD.role IS DISTINCT FROM NEW.role)
  EXECUTE FUNCTION floor_revoke_notify();
