CREATE TYPE "public"."activity_modality" AS ENUM('presencial', 'en_linea');--> statement-breakpoint
CREATE TYPE "public"."activity_status" AS ENUM('tentative', 'confirmed', 'done', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."activity_type" AS ENUM('workshop', 'public_event', 'field', 'flyering', 'meeting', 'training', 'other');--> statement-breakpoint
CREATE TYPE "public"."booking_kind" AS ENUM('activity', 'time_off');--> statement-breakpoint
CREATE TABLE "activities" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "activities_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"type" "activity_type" NOT NULL,
	"title" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"time_zone" text NOT NULL,
	"modality" "activity_modality" DEFAULT 'presencial' NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"municipality_id" text,
	"online_url" text,
	"status" "activity_status" DEFAULT 'tentative' NOT NULL,
	"workshop_request_id" integer,
	"notes" text DEFAULT '' NOT NULL,
	"sequence" integer DEFAULT 0 NOT NULL,
	"coverage_override_reason" text,
	"cancel_reason" text,
	"attendance_total" integer,
	"attendance" jsonb,
	"outcome_notes" text,
	"materials" text,
	"outcome_recorded_at" timestamp with time zone,
	"outcome_recorded_by" integer,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activities_order" CHECK ("activities"."ends_at" > "activities"."starts_at"),
	CONSTRAINT "activities_attendance_nonnegative" CHECK ("activities"."attendance_total" is null or "activities"."attendance_total" >= 0)
);
--> statement-breakpoint
CREATE TABLE "activity_reminders" (
	"activity_id" integer NOT NULL,
	"recipient" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "activity_reminders_activity_id_recipient_starts_at_pk" PRIMARY KEY("activity_id","recipient","starts_at")
);
--> statement-breakpoint
CREATE TABLE "calendar_feed_tokens" (
	"user_id" integer PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	CONSTRAINT "calendar_feed_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "operator_bookings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "operator_bookings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"operator_id" integer NOT NULL,
	"kind" "booking_kind" NOT NULL,
	"activity_id" integer,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"reason" text,
	"created_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "operator_bookings_order" CHECK ("operator_bookings"."ends_at" > "operator_bookings"."starts_at"),
	CONSTRAINT "operator_bookings_kind" CHECK (("operator_bookings"."kind" = 'activity') = ("operator_bookings"."activity_id" is not null))
);
--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_workshop_request_id_workshop_requests_id_fk" FOREIGN KEY ("workshop_request_id") REFERENCES "public"."workshop_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_outcome_recorded_by_users_id_fk" FOREIGN KEY ("outcome_recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activities" ADD CONSTRAINT "activities_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_reminders" ADD CONSTRAINT "activity_reminders_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_feed_tokens" ADD CONSTRAINT "calendar_feed_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operator_bookings" ADD CONSTRAINT "operator_bookings_operator_id_users_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operator_bookings" ADD CONSTRAINT "operator_bookings_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "operator_bookings" ADD CONSTRAINT "operator_bookings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activities_starts_idx" ON "activities" USING btree ("starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "activities_request_live_unique" ON "activities" USING btree ("workshop_request_id") WHERE "activities"."workshop_request_id" is not null and "activities"."status" <> 'cancelled';--> statement-breakpoint
CREATE UNIQUE INDEX "operator_bookings_activity_operator_unique" ON "operator_bookings" USING btree ("activity_id","operator_id");--> statement-breakpoint
CREATE INDEX "operator_bookings_operator_idx" ON "operator_bookings" USING btree ("operator_id","starts_at");