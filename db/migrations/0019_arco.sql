CREATE TYPE "public"."arco_right" AS ENUM('access', 'rectification', 'cancellation', 'opposition', 'revocation');--> statement-breakpoint
CREATE TYPE "public"."arco_status" AS ENUM('received', 'needs_info', 'identity_verified', 'in_progress', 'answered', 'rejected');--> statement-breakpoint
CREATE TABLE "arco_history" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "arco_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"request_id" integer NOT NULL,
	"from_status" "arco_status",
	"to_status" "arco_status" NOT NULL,
	"reason" text,
	"actor_user_id" integer,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "arco_pauses" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "arco_pauses_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"request_id" integer NOT NULL,
	"from_day" date NOT NULL,
	"to_day" date
);
--> statement-breakpoint
CREATE TABLE "arco_reports" (
	"request_id" integer PRIMARY KEY NOT NULL,
	"terms" jsonb NOT NULL,
	"sections" jsonb NOT NULL,
	"built_by" integer NOT NULL,
	"built_at" timestamp with time zone NOT NULL,
	"reviewed_by" integer,
	"reviewed_at" timestamp with time zone,
	"case_reviewed_by" integer,
	"case_reviewed_at" timestamp with time zone,
	"released_by" integer,
	"released_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "arco_requests" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "arco_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"folio" text NOT NULL,
	"token_hash" text NOT NULL,
	"right" "arco_right" NOT NULL,
	"status" "arco_status" DEFAULT 'received' NOT NULL,
	"requester_kind" text NOT NULL,
	"holder_name" text NOT NULL,
	"representative_name" text DEFAULT '' NOT NULL,
	"email" text NOT NULL,
	"phone" text DEFAULT '' NOT NULL,
	"reference_kind" text NOT NULL,
	"reference" text DEFAULT '' NOT NULL,
	"description" text NOT NULL,
	"identity_method" text NOT NULL,
	"locale" text DEFAULT 'es' NOT NULL,
	"privacy_notice_id" integer NOT NULL,
	"consented_at" timestamp with time zone NOT NULL,
	"dedupe_hash" text NOT NULL,
	"received_on" date NOT NULL,
	"received_on_set_by" integer,
	"status_reason" text,
	"answered_on" date,
	"effective_on" date,
	"outcome" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "arco_requests_requester_kind" CHECK ("arco_requests"."requester_kind" in ('self', 'representative')),
	CONSTRAINT "arco_requests_reference_kind" CHECK ("arco_requests"."reference_kind" in ('request', 'event', 'call', 'other')),
	CONSTRAINT "arco_requests_identity_method" CHECK ("arco_requests"."identity_method" in ('in_person', 'video', 'copy', 'representative_power'))
);
--> statement-breakpoint
CREATE TABLE "contact_suppressions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "contact_suppressions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"value" text NOT NULL,
	"arco_request_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contact_suppressions_kind" CHECK ("contact_suppressions"."kind" in ('email', 'phone'))
);
--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "grants" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "arco_history" ADD CONSTRAINT "arco_history_request_id_arco_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."arco_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arco_history" ADD CONSTRAINT "arco_history_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arco_pauses" ADD CONSTRAINT "arco_pauses_request_id_arco_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."arco_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arco_reports" ADD CONSTRAINT "arco_reports_request_id_arco_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."arco_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arco_reports" ADD CONSTRAINT "arco_reports_built_by_users_id_fk" FOREIGN KEY ("built_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arco_reports" ADD CONSTRAINT "arco_reports_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arco_reports" ADD CONSTRAINT "arco_reports_case_reviewed_by_users_id_fk" FOREIGN KEY ("case_reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arco_reports" ADD CONSTRAINT "arco_reports_released_by_users_id_fk" FOREIGN KEY ("released_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arco_requests" ADD CONSTRAINT "arco_requests_privacy_notice_id_privacy_notices_id_fk" FOREIGN KEY ("privacy_notice_id") REFERENCES "public"."privacy_notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arco_requests" ADD CONSTRAINT "arco_requests_received_on_set_by_users_id_fk" FOREIGN KEY ("received_on_set_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_suppressions" ADD CONSTRAINT "contact_suppressions_arco_request_id_arco_requests_id_fk" FOREIGN KEY ("arco_request_id") REFERENCES "public"."arco_requests"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "arco_history_request_idx" ON "arco_history" USING btree ("request_id","at");--> statement-breakpoint
CREATE INDEX "arco_pauses_request_idx" ON "arco_pauses" USING btree ("request_id");--> statement-breakpoint
CREATE UNIQUE INDEX "arco_requests_folio_unique" ON "arco_requests" USING btree ("folio");--> statement-breakpoint
CREATE UNIQUE INDEX "arco_requests_token_unique" ON "arco_requests" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "arco_requests_status_idx" ON "arco_requests" USING btree ("status","received_on");--> statement-breakpoint
CREATE UNIQUE INDEX "contact_suppressions_value_unique" ON "contact_suppressions" USING btree ("kind","value");