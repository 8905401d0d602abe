CREATE TYPE "public"."privacy_notice_kind" AS ENUM('integral', 'simplificado');--> statement-breakpoint
CREATE TYPE "public"."request_modality" AS ENUM('presencial', 'en_linea');--> statement-breakpoint
CREATE TYPE "public"."request_status" AS ENUM('received', 'under_review', 'scheduled', 'declined', 'cancelled', 'completed');--> statement-breakpoint
CREATE TABLE "privacy_notices" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "privacy_notices_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" "privacy_notice_kind" DEFAULT 'integral' NOT NULL,
	"version" text NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "folio_counters" (
	"prefix" text NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "folio_counters_prefix_year_pk" PRIMARY KEY("prefix","year")
);
--> statement-breakpoint
CREATE TABLE "workshop_request_evaluations" (
	"request_id" integer PRIMARY KEY NOT NULL,
	"satisfaction" smallint NOT NULL,
	"useful" text DEFAULT '' NOT NULL,
	"comments" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workshop_request_evaluations_satisfaction" CHECK ("workshop_request_evaluations"."satisfaction" between 1 and 5)
);
--> statement-breakpoint
CREATE TABLE "workshop_request_history" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "workshop_request_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"request_id" integer NOT NULL,
	"from_status" "request_status",
	"to_status" "request_status" NOT NULL,
	"reason" text,
	"actor_user_id" integer,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workshop_request_topics" (
	"request_id" integer NOT NULL,
	"workshop_id" integer NOT NULL,
	CONSTRAINT "workshop_request_topics_request_id_workshop_id_pk" PRIMARY KEY("request_id","workshop_id")
);
--> statement-breakpoint
CREATE TABLE "workshop_request_windows" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "workshop_request_windows_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"request_id" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	CONSTRAINT "workshop_request_windows_order" CHECK ("workshop_request_windows"."ends_at" > "workshop_request_windows"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "workshop_requests" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "workshop_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"folio" text NOT NULL,
	"token_hash" text NOT NULL,
	"status" "request_status" DEFAULT 'received' NOT NULL,
	"institution_name" text NOT NULL,
	"institution_type" "institution_type" NOT NULL,
	"municipality_id" text NOT NULL,
	"address" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_role" text NOT NULL,
	"contact_email" text NOT NULL,
	"contact_phone" text NOT NULL,
	"audience_description" text NOT NULL,
	"audience_ages" text NOT NULL,
	"expected_count" integer NOT NULL,
	"modality" "request_modality" NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"privacy_notice_id" integer NOT NULL,
	"consented_at" timestamp with time zone NOT NULL,
	"dedupe_hash" text NOT NULL,
	"status_reason" text,
	"scheduled_start" timestamp with time zone,
	"scheduled_end" timestamp with time zone,
	"scheduled_place" text,
	"scheduled_online_url" text,
	"facilitator_first_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workshop_requests_expected_count_positive" CHECK ("workshop_requests"."expected_count" > 0)
);
--> statement-breakpoint
ALTER TABLE "workshop_request_evaluations" ADD CONSTRAINT "workshop_request_evaluations_request_id_workshop_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."workshop_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_request_history" ADD CONSTRAINT "workshop_request_history_request_id_workshop_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."workshop_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_request_history" ADD CONSTRAINT "workshop_request_history_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_request_topics" ADD CONSTRAINT "workshop_request_topics_request_id_workshop_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."workshop_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_request_topics" ADD CONSTRAINT "workshop_request_topics_workshop_id_workshops_id_fk" FOREIGN KEY ("workshop_id") REFERENCES "public"."workshops"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_request_windows" ADD CONSTRAINT "workshop_request_windows_request_id_workshop_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."workshop_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_requests" ADD CONSTRAINT "workshop_requests_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workshop_requests" ADD CONSTRAINT "workshop_requests_privacy_notice_id_privacy_notices_id_fk" FOREIGN KEY ("privacy_notice_id") REFERENCES "public"."privacy_notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "privacy_notices_kind_version_unique" ON "privacy_notices" USING btree ("kind","version");--> statement-breakpoint
CREATE INDEX "workshop_request_history_request_idx" ON "workshop_request_history" USING btree ("request_id","at");--> statement-breakpoint
CREATE INDEX "workshop_request_windows_request_idx" ON "workshop_request_windows" USING btree ("request_id");--> statement-breakpoint
CREATE UNIQUE INDEX "workshop_requests_folio_unique" ON "workshop_requests" USING btree ("folio");--> statement-breakpoint
CREATE UNIQUE INDEX "workshop_requests_token_unique" ON "workshop_requests" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "workshop_requests_status_idx" ON "workshop_requests" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "workshop_requests_dedupe_idx" ON "workshop_requests" USING btree ("dedupe_hash","created_at");