ALTER TABLE "dir_contacts" ADD COLUMN "uuid" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "dir_contacts" ADD COLUMN "retired_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dir_locations" ADD COLUMN "uuid" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "dir_locations" ADD COLUMN "retired_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dir_organizations" ADD COLUMN "uuid" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "dir_phones" ADD COLUMN "uuid" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "dir_phones" ADD COLUMN "retired_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "dir_service_at_location" ADD COLUMN "uuid" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "dir_services" ADD COLUMN "uuid" uuid DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "dir_contacts" ADD CONSTRAINT "dir_contacts_uuid_unique" UNIQUE("uuid");--> statement-breakpoint
ALTER TABLE "dir_locations" ADD CONSTRAINT "dir_locations_uuid_unique" UNIQUE("uuid");--> statement-breakpoint
ALTER TABLE "dir_organizations" ADD CONSTRAINT "dir_organizations_uuid_unique" UNIQUE("uuid");--> statement-breakpoint
ALTER TABLE "dir_phones" ADD CONSTRAINT "dir_phones_uuid_unique" UNIQUE("uuid");--> statement-breakpoint
ALTER TABLE "dir_service_at_location" ADD CONSTRAINT "dir_service_at_location_uuid_unique" UNIQUE("uuid");--> statement-breakpoint
ALTER TABLE "dir_services" ADD CONSTRAINT "dir_services_uuid_unique" UNIQUE("uuid");