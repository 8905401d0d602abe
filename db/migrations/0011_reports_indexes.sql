-- Reports (issue 8): range indexes on the date each report counts by, so a month (the board's
-- summary, a filtered period) reads only its rows instead of scanning a year of data.
-- Indexes only; IF NOT EXISTS so the file can be regenerated and re-applied safely.
CREATE INDEX IF NOT EXISTS "contacts_started_idx" ON "contacts" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "workshop_requests_created_idx" ON "workshop_requests" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "workshop_request_evaluations_created_idx" ON "workshop_request_evaluations" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "follow_ups_due_idx" ON "follow_ups" USING btree ("due_on");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "referrals_referred_idx" ON "referrals" USING btree ("referred_at");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "oficios_sent_idx" ON "oficios" USING btree ("sent_on");
