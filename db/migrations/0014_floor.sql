CREATE TYPE "public"."floor_break_kind" AS ENUM('meal', 'restroom', 'pause');--> statement-breakpoint
CREATE TYPE "public"."floor_state" AS ENUM('online', 'on_call', 'break', 'field', 'meeting', 'off');--> statement-breakpoint
CREATE TYPE "public"."floor_help_reason" AS ENUM('crisis', 'legal', 'threat', 'other');--> statement-breakpoint
CREATE SEQUENCE "public"."floor_event_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "floor_states" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "floor_states_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"user_id" integer NOT NULL,
	"state" "floor_state" NOT NULL,
	"break_kind" "floor_break_kind",
	"activity_id" integer,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ended_at" timestamp with time zone,
	"note" text DEFAULT '' NOT NULL,
	"event_id" bigint DEFAULT nextval('floor_event_seq') NOT NULL,
	CONSTRAINT "floor_states_break_kind" CHECK (("floor_states"."state" = 'break') = ("floor_states"."break_kind" is not null)),
	CONSTRAINT "floor_states_order" CHECK ("floor_states"."ended_at" is null or "floor_states"."ended_at" >= "floor_states"."started_at"),
	CONSTRAINT "floor_states_note_len" CHECK (char_length("floor_states"."note") <= 140)
);
--> statement-breakpoint
CREATE TABLE "help_requests" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "help_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"user_id" integer NOT NULL,
	"reason" "floor_help_reason" DEFAULT 'other' NOT NULL,
	"text" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_by" integer,
	"answered_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"event_id" bigint DEFAULT nextval('floor_event_seq') NOT NULL,
	CONSTRAINT "help_requests_text_len" CHECK (char_length("help_requests"."text") <= 140)
);
--> statement-breakpoint
ALTER TABLE "floor_states" ADD CONSTRAINT "floor_states_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "floor_states" ADD CONSTRAINT "floor_states_activity_id_activities_id_fk" FOREIGN KEY ("activity_id") REFERENCES "public"."activities"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_requests" ADD CONSTRAINT "help_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_requests" ADD CONSTRAINT "help_requests_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "floor_states_one_open_idx" ON "floor_states" USING btree ("user_id") WHERE "floor_states"."ended_at" is null;--> statement-breakpoint
CREATE INDEX "floor_states_user_started_idx" ON "floor_states" USING btree ("user_id","started_at");--> statement-breakpoint
CREATE INDEX "floor_states_event_idx" ON "floor_states" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "help_requests_open_idx" ON "help_requests" USING btree ("created_at") WHERE "help_requests"."closed_at" is null;--> statement-breakpoint
CREATE INDEX "help_requests_event_idx" ON "help_requests" USING btree ("event_id");