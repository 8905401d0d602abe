CREATE TYPE "public"."oficio_method" AS ENUM('oficialia', 'hand', 'email', 'courier');--> statement-breakpoint
CREATE TYPE "public"."oficio_status" AS ENUM('draft', 'sent', 'acknowledged', 'answered', 'overdue');--> statement-breakpoint
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
ALTER TABLE "oficios" ADD CONSTRAINT "oficios_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oficios" ADD CONSTRAINT "oficios_addressee_organization_id_dir_organizations_id_fk" FOREIGN KEY ("addressee_organization_id") REFERENCES "public"."dir_organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oficios" ADD CONSTRAINT "oficios_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "oficios_number_unique" ON "oficios" USING btree ("number");--> statement-breakpoint
CREATE INDEX "oficios_case_idx" ON "oficios" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "oficios_due_idx" ON "oficios" USING btree ("response_due_on") WHERE "oficios"."status" in ('sent', 'acknowledged', 'overdue');