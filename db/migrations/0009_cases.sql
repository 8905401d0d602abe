CREATE TYPE "public"."age_range" AS ENUM('unknown', '0-11', '12-17', '18-29', '30-44', '45-59', '60+');--> statement-breakpoint
CREATE TYPE "public"."call_type" AS ENUM('data', 'silent', 'hang_up', 'prank', 'wrong_number', 'information');--> statement-breakpoint
CREATE TYPE "public"."caller_role" AS ENUM('victim', 'witness', 'relative', 'other');--> statement-breakpoint
CREATE TYPE "public"."case_status" AS ENUM('open', 'follow_up', 'closed');--> statement-breakpoint
CREATE TYPE "public"."contact_channel" AS ENUM('phone', 'whatsapp', 'walk_in', 'field', 'email', 'social');--> statement-breakpoint
CREATE TYPE "public"."follow_up_type" AS ENUM('call', 'visit', 'accompaniment');--> statement-breakpoint
CREATE TYPE "public"."gender" AS ENUM('unknown', 'woman', 'man', 'non_binary', 'other');--> statement-breakpoint
CREATE TYPE "public"."report_status" AS ENUM('not_applicable', 'encouraged', 'filed', 'declined');--> statement-breakpoint
CREATE TYPE "public"."risk_level" AS ENUM('none', 'low', 'medium', 'high');--> statement-breakpoint
CREATE TYPE "public"."dir_service_status" AS ENUM('active', 'inactive', 'defunct', 'temporarily closed');--> statement-breakpoint
CREATE TYPE "public"."referral_outcome" AS ENUM('pending', 'attended', 'not_attended', 'declined', 'unknown');--> statement-breakpoint
CREATE TYPE "public"."oficio_method" AS ENUM('oficialia', 'hand', 'email', 'courier');--> statement-breakpoint
CREATE TYPE "public"."oficio_status" AS ENUM('draft', 'sent', 'acknowledged', 'answered', 'overdue');--> statement-breakpoint
CREATE TYPE "public"."shift" AS ENUM('matutino', 'vespertino', 'nocturno');--> statement-breakpoint
CREATE TABLE "case_assignees" (
	"case_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_assignees_case_id_user_id_pk" PRIMARY KEY("case_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "case_categories" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "case_categories_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"parent_id" integer,
	"name" text NOT NULL,
	"seed_key" text,
	"source" text DEFAULT 'linea' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_notes" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "case_notes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"case_id" integer NOT NULL,
	"author_id" integer NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cases" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "cases_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"folio" text NOT NULL,
	"status" "case_status" DEFAULT 'open' NOT NULL,
	"owner_id" integer NOT NULL,
	"person_name" text DEFAULT '' NOT NULL,
	"person_phone" text DEFAULT '' NOT NULL,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"anonymized_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contact_categories" (
	"contact_id" integer NOT NULL,
	"category_id" integer NOT NULL,
	CONSTRAINT "contact_categories_contact_id_category_id_pk" PRIMARY KEY("contact_id","category_id")
);
--> statement-breakpoint
CREATE TABLE "contact_drafts" (
	"user_id" integer PRIMARY KEY NOT NULL,
	"data" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "contacts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "contacts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"case_id" integer,
	"operator_id" integer NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"channel" "contact_channel" NOT NULL,
	"duration_minutes" integer DEFAULT 0 NOT NULL,
	"call_type" "call_type" NOT NULL,
	"caller_role" "caller_role",
	"anonymous" boolean DEFAULT true NOT NULL,
	"person_name" text DEFAULT '' NOT NULL,
	"age_range" "age_range" DEFAULT 'unknown' NOT NULL,
	"gender" "gender" DEFAULT 'unknown' NOT NULL,
	"municipality_id" text,
	"follow_up_consent" boolean DEFAULT false NOT NULL,
	"follow_up_phone" text DEFAULT '' NOT NULL,
	"services" text[] DEFAULT '{}'::text[] NOT NULL,
	"risk_level" "risk_level" DEFAULT 'none' NOT NULL,
	"report_status" "report_status" DEFAULT 'not_applicable' NOT NULL,
	"report_authority" text DEFAULT '' NOT NULL,
	"report_file_number" text DEFAULT '' NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"privacy_notice_id" integer,
	"privacy_notice_given_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "contacts_duration_range" CHECK ("contacts"."duration_minutes" between 0 and 600),
	CONSTRAINT "contacts_data_has_case" CHECK (("contacts"."call_type" = 'data') = ("contacts"."case_id" is not null)),
	CONSTRAINT "contacts_notice_pair" CHECK (("contacts"."privacy_notice_id" is null) = ("contacts"."privacy_notice_given_at" is null))
);
--> statement-breakpoint
CREATE TABLE "follow_ups" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "follow_ups_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"case_id" integer NOT NULL,
	"assignee_id" integer NOT NULL,
	"type" "follow_up_type" NOT NULL,
	"due_on" date NOT NULL,
	"done_at" timestamp with time zone,
	"outcome" text DEFAULT '' NOT NULL,
	"created_by_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "follow_ups_done_has_outcome" CHECK ("follow_ups"."done_at" is null or length("follow_ups"."outcome") > 0)
);
--> statement-breakpoint
CREATE TABLE "dir_contacts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dir_contacts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"organization_id" integer NOT NULL,
	"service_id" integer,
	"name" text NOT NULL,
	"title" text DEFAULT '' NOT NULL,
	"email" text DEFAULT '' NOT NULL,
	"phone" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dir_locations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dir_locations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"organization_id" integer NOT NULL,
	"name" text NOT NULL,
	"address_1" text DEFAULT '' NOT NULL,
	"city" text DEFAULT '' NOT NULL,
	"municipality_id" text,
	"postal_code" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dir_organizations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dir_organizations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"email" text DEFAULT '' NOT NULL,
	"website" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dir_phones" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dir_phones_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"organization_id" integer NOT NULL,
	"service_id" integer,
	"number" text NOT NULL,
	"type" text DEFAULT 'voice' NOT NULL,
	"description" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dir_service_at_location" (
	"service_id" integer NOT NULL,
	"location_id" integer NOT NULL,
	CONSTRAINT "dir_service_at_location_service_id_location_id_pk" PRIMARY KEY("service_id","location_id")
);
--> statement-breakpoint
CREATE TABLE "dir_services" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "dir_services_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"organization_id" integer NOT NULL,
	"name" text NOT NULL,
	"status" "dir_service_status" DEFAULT 'active' NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"eligibility" text DEFAULT '' NOT NULL,
	"fees" text DEFAULT '' NOT NULL,
	"application_process" text DEFAULT '' NOT NULL,
	"hours" text DEFAULT '' NOT NULL,
	"email" text DEFAULT '' NOT NULL,
	"url" text DEFAULT '' NOT NULL,
	"categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"last_verified_on" date,
	"verified_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "referrals_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"case_id" integer NOT NULL,
	"service_id" integer NOT NULL,
	"referred_by_id" integer NOT NULL,
	"referred_at" timestamp with time zone DEFAULT now() NOT NULL,
	"notes" text DEFAULT '' NOT NULL,
	"outcome" "referral_outcome" DEFAULT 'pending' NOT NULL,
	"outcome_notes" text DEFAULT '' NOT NULL,
	"outcome_at" timestamp with time zone,
	CONSTRAINT "referrals_outcome_dated" CHECK (("referrals"."outcome" = 'pending') = ("referrals"."outcome_at" is null))
);
--> statement-breakpoint
CREATE TABLE "oficios" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "oficios_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"case_id" integer NOT NULL,
	"number" text NOT NULL,
	"status" "oficio_status" DEFAULT 'draft' NOT NULL,
	"addressee_organization_id" integer,
	"addressee_name" text NOT NULL,
	"addressee_title" text DEFAULT '' NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"sent_on" date,
	"sent_method" "oficio_method",
	"ack_on" date,
	"response_due_on" date,
	"response_on" date,
	"response_summary" text DEFAULT '' NOT NULL,
	"created_by_id" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "oficios_sent_complete" CHECK ("oficios"."status" = 'draft' or ("oficios"."sent_on" is not null and "oficios"."sent_method" is not null)),
	CONSTRAINT "oficios_answered_complete" CHECK ("oficios"."status" <> 'answered' or "oficios"."response_on" is not null)
);
--> statement-breakpoint
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
ALTER TABLE "case_assignees" ADD CONSTRAINT "case_assignees_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_assignees" ADD CONSTRAINT "case_assignees_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_categories" ADD CONSTRAINT "case_categories_parent_id_case_categories_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."case_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_notes" ADD CONSTRAINT "case_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_categories" ADD CONSTRAINT "contact_categories_contact_id_contacts_id_fk" FOREIGN KEY ("contact_id") REFERENCES "public"."contacts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_categories" ADD CONSTRAINT "contact_categories_category_id_case_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."case_categories"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contact_drafts" ADD CONSTRAINT "contact_drafts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_operator_id_users_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "contacts" ADD CONSTRAINT "contacts_privacy_notice_id_privacy_notices_id_fk" FOREIGN KEY ("privacy_notice_id") REFERENCES "public"."privacy_notices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_ups" ADD CONSTRAINT "follow_ups_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dir_contacts" ADD CONSTRAINT "dir_contacts_organization_id_dir_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."dir_organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dir_contacts" ADD CONSTRAINT "dir_contacts_service_id_dir_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."dir_services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dir_locations" ADD CONSTRAINT "dir_locations_organization_id_dir_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."dir_organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dir_locations" ADD CONSTRAINT "dir_locations_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dir_phones" ADD CONSTRAINT "dir_phones_organization_id_dir_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."dir_organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dir_phones" ADD CONSTRAINT "dir_phones_service_id_dir_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."dir_services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dir_service_at_location" ADD CONSTRAINT "dir_service_at_location_service_id_dir_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."dir_services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dir_service_at_location" ADD CONSTRAINT "dir_service_at_location_location_id_dir_locations_id_fk" FOREIGN KEY ("location_id") REFERENCES "public"."dir_locations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dir_services" ADD CONSTRAINT "dir_services_organization_id_dir_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."dir_organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dir_services" ADD CONSTRAINT "dir_services_verified_by_id_users_id_fk" FOREIGN KEY ("verified_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_service_id_dir_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."dir_services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_referred_by_id_users_id_fk" FOREIGN KEY ("referred_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oficios" ADD CONSTRAINT "oficios_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oficios" ADD CONSTRAINT "oficios_addressee_organization_id_dir_organizations_id_fk" FOREIGN KEY ("addressee_organization_id") REFERENCES "public"."dir_organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oficios" ADD CONSTRAINT "oficios_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "daily_logs" ADD CONSTRAINT "daily_logs_operator_id_users_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "daily_logs" ADD CONSTRAINT "daily_logs_signed_off_by_id_users_id_fk" FOREIGN KEY ("signed_off_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_assignees_user_idx" ON "case_assignees" USING btree ("user_id","case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_categories_parent_name_unique" ON "case_categories" USING btree (coalesce("parent_id", 0),"name");--> statement-breakpoint
CREATE UNIQUE INDEX "case_categories_seed_key_unique" ON "case_categories" USING btree ("seed_key");--> statement-breakpoint
CREATE INDEX "case_notes_case_idx" ON "case_notes" USING btree ("case_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "cases_folio_unique" ON "cases" USING btree ("folio");--> statement-breakpoint
CREATE INDEX "cases_owner_idx" ON "cases" USING btree ("owner_id","opened_at");--> statement-breakpoint
CREATE INDEX "cases_status_opened_idx" ON "cases" USING btree ("status","opened_at");--> statement-breakpoint
CREATE INDEX "cases_opened_idx" ON "cases" USING btree ("opened_at");--> statement-breakpoint
CREATE INDEX "cases_closed_idx" ON "cases" USING btree ("closed_at");--> statement-breakpoint
CREATE INDEX "cases_person_phone_idx" ON "cases" USING btree ("person_phone");--> statement-breakpoint
CREATE INDEX "contact_categories_category_idx" ON "contact_categories" USING btree ("category_id","contact_id");--> statement-breakpoint
CREATE INDEX "contacts_case_idx" ON "contacts" USING btree ("case_id","started_at");--> statement-breakpoint
CREATE INDEX "contacts_operator_day_idx" ON "contacts" USING btree ("operator_id","started_at");--> statement-breakpoint
CREATE INDEX "follow_ups_case_idx" ON "follow_ups" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "follow_ups_pending_idx" ON "follow_ups" USING btree ("assignee_id","due_on") WHERE "follow_ups"."done_at" is null;--> statement-breakpoint
CREATE INDEX "dir_contacts_org_idx" ON "dir_contacts" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "dir_locations_org_idx" ON "dir_locations" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "dir_phones_org_idx" ON "dir_phones" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "dir_services_org_idx" ON "dir_services" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "dir_services_verified_idx" ON "dir_services" USING btree ("last_verified_on");--> statement-breakpoint
CREATE INDEX "referrals_case_idx" ON "referrals" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "referrals_service_idx" ON "referrals" USING btree ("service_id");--> statement-breakpoint
CREATE UNIQUE INDEX "oficios_number_unique" ON "oficios" USING btree ("number");--> statement-breakpoint
CREATE INDEX "oficios_case_idx" ON "oficios" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "oficios_due_idx" ON "oficios" USING btree ("response_due_on") WHERE "oficios"."status" in ('sent', 'acknowledged', 'overdue');--> statement-breakpoint
CREATE UNIQUE INDEX "daily_logs_operator_day_shift_unique" ON "daily_logs" USING btree ("operator_id","day","shift");--> statement-breakpoint
CREATE INDEX "daily_logs_pending_idx" ON "daily_logs" USING btree ("day") WHERE "daily_logs"."closed_at" is not null and "daily_logs"."signed_off_at" is null;