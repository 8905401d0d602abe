CREATE TYPE "public"."shift" AS ENUM('matutino', 'vespertino', 'nocturno');--> statement-breakpoint
CREATE TABLE "daily_logs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "daily_logs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"operator_id" integer NOT NULL,
	"day" date NOT NULL,
	"shift" "shift" NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"closed_at" timestamp with time zone,
	"signed_off_by_id" integer,
	"signed_off_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "daily_logs_signoff_after_close" CHECK ("daily_logs"."signed_off_at" is null or "daily_logs"."closed_at" is not null)
);
--> statement-breakpoint
ALTER TABLE "daily_logs" ADD CONSTRAINT "daily_logs_operator_id_users_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "daily_logs" ADD CONSTRAINT "daily_logs_signed_off_by_id_users_id_fk" FOREIGN KEY ("signed_off_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "daily_logs_operator_day_shift_unique" ON "daily_logs" USING btree ("operator_id","day","shift");--> statement-breakpoint
CREATE INDEX "daily_logs_pending_idx" ON "daily_logs" USING btree ("day") WHERE "daily_logs"."closed_at" is not null and "daily_logs"."signed_off_at" is null;