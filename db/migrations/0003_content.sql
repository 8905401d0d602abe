CREATE TYPE "public"."content_campaign_status" AS ENUM('planned', 'active', 'finished');--> statement-breakpoint
CREATE TYPE "public"."content_channel" AS ENUM('facebook', 'instagram', 'x', 'tiktok', 'whatsapp', 'website', 'print');--> statement-breakpoint
CREATE TYPE "public"."content_history_kind" AS ENUM('created', 'status', 'comment', 'edited', 'moved', 'asset');--> statement-breakpoint
CREATE TYPE "public"."content_status" AS ENUM('idea', 'draft', 'in_review', 'approved', 'scheduled', 'published', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."content_promotes_kind" AS ENUM('event', 'activity');--> statement-breakpoint
CREATE TYPE "public"."content_series_role" AS ENUM('announce', 'reminder', 'recap');--> statement-breakpoint
CREATE TABLE "content_approvers" (
	"user_id" integer PRIMARY KEY NOT NULL,
	"added_by_id" integer,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "content_assets" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "content_assets_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"post_id" integer NOT NULL,
	"alt_text" text NOT NULL,
	"url" text,
	"filename" text,
	"mime_type" text,
	"size_bytes" integer,
	"data" "bytea",
	"created_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "content_assets_alt" CHECK (length(trim("content_assets"."alt_text")) > 0),
	CONSTRAINT "content_assets_kind" CHECK (("content_assets"."url" is not null) <> ("content_assets"."data" is not null))
);
--> statement-breakpoint
CREATE TABLE "content_campaigns" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "content_campaigns_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"name" text NOT NULL,
	"goal" text DEFAULT '' NOT NULL,
	"audience" text DEFAULT '' NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"color" text DEFAULT '#6b1a50' NOT NULL,
	"owner_id" integer,
	"status" "content_campaign_status" DEFAULT 'planned' NOT NULL,
	"result_reach" integer,
	"result_calls" integer,
	"result_registrations" integer,
	"result_notes" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "content_campaigns_dates" CHECK ("content_campaigns"."ends_on" >= "content_campaigns"."starts_on"),
	CONSTRAINT "content_campaigns_color" CHECK ("content_campaigns"."color" ~ '^#[0-9a-f]{6}$'),
	CONSTRAINT "content_campaigns_results" CHECK (coalesce("content_campaigns"."result_reach", 0) >= 0 and coalesce("content_campaigns"."result_calls", 0) >= 0 and coalesce("content_campaigns"."result_registrations", 0) >= 0)
);
--> statement-breakpoint
CREATE TABLE "content_post_history" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "content_post_history_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"post_id" integer NOT NULL,
	"kind" "content_history_kind" NOT NULL,
	"from_status" "content_status",
	"to_status" "content_status",
	"body" text DEFAULT '' NOT NULL,
	"actor_user_id" integer,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "content_posts" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "content_posts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"campaign_id" integer,
	"title" text NOT NULL,
	"channels" "content_channel"[] NOT NULL,
	"planned_at" timestamp with time zone NOT NULL,
	"copy" text DEFAULT '' NOT NULL,
	"variants" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"language" text DEFAULT 'es' NOT NULL,
	"assignee_id" integer,
	"status" "content_status" DEFAULT 'idea' NOT NULL,
	"promotes_kind" "content_promotes_kind",
	"promotes_id" integer,
	"promotes_title" text,
	"promotes_start" timestamp with time zone,
	"series_role" "content_series_role",
	"edited_by_hand" boolean DEFAULT false NOT NULL,
	"published_at" timestamp with time zone,
	"published_by_id" integer,
	"published_url" text,
	"published_where" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "content_posts_channels_nonempty" CHECK (cardinality("content_posts"."channels") > 0),
	CONSTRAINT "content_posts_language" CHECK ("content_posts"."language" in ('es', 'en')),
	CONSTRAINT "content_posts_promotes_pair" CHECK (("content_posts"."promotes_kind" is null) = ("content_posts"."promotes_id" is null)),
	CONSTRAINT "content_posts_published_fields" CHECK ("content_posts"."status" <> 'published' or ("content_posts"."published_at" is not null and "content_posts"."published_where" is not null))
);
--> statement-breakpoint
ALTER TABLE "content_approvers" ADD CONSTRAINT "content_approvers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_approvers" ADD CONSTRAINT "content_approvers_added_by_id_users_id_fk" FOREIGN KEY ("added_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_assets" ADD CONSTRAINT "content_assets_post_id_content_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."content_posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_assets" ADD CONSTRAINT "content_assets_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_campaigns" ADD CONSTRAINT "content_campaigns_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_post_history" ADD CONSTRAINT "content_post_history_post_id_content_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."content_posts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_post_history" ADD CONSTRAINT "content_post_history_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_posts" ADD CONSTRAINT "content_posts_campaign_id_content_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."content_campaigns"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_posts" ADD CONSTRAINT "content_posts_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_posts" ADD CONSTRAINT "content_posts_published_by_id_users_id_fk" FOREIGN KEY ("published_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "content_posts" ADD CONSTRAINT "content_posts_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "content_assets_post_idx" ON "content_assets" USING btree ("post_id");--> statement-breakpoint
CREATE INDEX "content_post_history_post_idx" ON "content_post_history" USING btree ("post_id","at");--> statement-breakpoint
CREATE INDEX "content_posts_planned_idx" ON "content_posts" USING btree ("planned_at");--> statement-breakpoint
CREATE INDEX "content_posts_campaign_idx" ON "content_posts" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "content_posts_status_idx" ON "content_posts" USING btree ("status","planned_at");--> statement-breakpoint
CREATE INDEX "content_posts_promotes_idx" ON "content_posts" USING btree ("promotes_kind","promotes_id");--> statement-breakpoint
CREATE UNIQUE INDEX "content_posts_series_unique" ON "content_posts" USING btree ("promotes_kind","promotes_id","series_role") WHERE "content_posts"."series_role" is not null;