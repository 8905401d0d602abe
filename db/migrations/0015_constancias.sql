CREATE TYPE "public"."certificate_kind" AS ENUM('attendee', 'walk_in', 'group', 'facilitator');--> statement-breakpoint
CREATE TABLE "certificates" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "certificates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"code" text NOT NULL,
	"kind" "certificate_kind" NOT NULL,
	"registration_id" integer,
	"checkin_client_id" text,
	"activity_id" integer,
	"user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certificates_code_long" CHECK (length("certificates"."code") >= 20),
	CONSTRAINT "certificates_subject" CHECK (case "certificates"."kind"
        when 'attendee' then "certificates"."registration_id" is not null
        when 'walk_in' then "certificates"."checkin_client_id" is not null
        when 'group' then "certificates"."activity_id" is not null
        when 'facilitator' then "certificates"."activity_id" is not null and "certificates"."user_id" is not null
      end)
);
--> statement-breakpoint
ALTER TABLE "workshops" ADD COLUMN "hours" numeric(4, 1);--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "hours" numeric(4, 1);--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_registration_id_event_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."event_registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_checkin_client_id_event_checkins_client_id_fk" FOREIGN KEY ("checkin_client_id") REFERENCES "public"."event_checkins"("client_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificates" ADD CONSTRAINT "certificates_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_code_unique" ON "certificates" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_registration_unique" ON "certificates" USING btree ("registration_id") WHERE "certificates"."registration_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_checkin_unique" ON "certificates" USING btree ("checkin_client_id") WHERE "certificates"."checkin_client_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_group_unique" ON "certificates" USING btree ("activity_id") WHERE "certificates"."kind" = 'group';--> statement-breakpoint
CREATE UNIQUE INDEX "certificates_facilitator_unique" ON "certificates" USING btree ("activity_id","user_id") WHERE "certificates"."kind" = 'facilitator';--> statement-breakpoint
CREATE INDEX "certificates_activity_idx" ON "certificates" USING btree ("activity_id");