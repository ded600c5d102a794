CREATE TABLE "bundle_offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mentor_id" uuid NOT NULL,
	"sessions_count" integer NOT NULL,
	"session_minutes" integer NOT NULL,
	"price_cents" integer NOT NULL,
	"currency" text NOT NULL,
	"validity_months" integer,
	"retired_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "bundle_offers_sessions_range" CHECK ("bundle_offers"."sessions_count" between 1 and 50),
	CONSTRAINT "bundle_offers_session_minutes_range" CHECK ("bundle_offers"."session_minutes" between 10 and 480),
	CONSTRAINT "bundle_offers_price_positive" CHECK ("bundle_offers"."price_cents" > 0),
	CONSTRAINT "bundle_offers_price_splits_evenly" CHECK ("bundle_offers"."price_cents" % "bundle_offers"."sessions_count" = 0),
	CONSTRAINT "bundle_offers_currency_format" CHECK ("bundle_offers"."currency" ~ '^[a-z]{3}$'),
	CONSTRAINT "bundle_offers_validity_months_range" CHECK ("bundle_offers"."validity_months" is null or "bundle_offers"."validity_months" between 1 and 36)
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"actor_id" uuid NOT NULL,
	"action" text NOT NULL,
	"subject_type" text NOT NULL,
	"subject_id" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payouts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"session_id" uuid NOT NULL,
	"bundle_id" uuid NOT NULL,
	"mentor_id" uuid NOT NULL,
	"amount_cents" integer NOT NULL,
	"currency" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"stripe_transfer_id" text,
	"last_error" text,
	"first_attempted_at" timestamp with time zone,
	"released_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payouts_status" CHECK ("payouts"."status" in ('pending', 'on_hold', 'released', 'failed', 'dead')),
	CONSTRAINT "payouts_amount_positive" CHECK ("payouts"."amount_cents" > 0),
	CONSTRAINT "payouts_attempts_nonnegative" CHECK ("payouts"."attempts" >= 0),
	CONSTRAINT "payouts_released_iff_transfer" CHECK (("payouts"."status" = 'released') = ("payouts"."stripe_transfer_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "processed_stripe_events" (
	"event_id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"processed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "refunds" (
	"id" uuid PRIMARY KEY NOT NULL,
	"bundle_id" uuid NOT NULL,
	"amount_cents" integer NOT NULL,
	"credits" integer NOT NULL,
	"reason" text NOT NULL,
	"admin_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"idempotency_key" text NOT NULL,
	"stripe_refund_id" text,
	"cancelled_sessions" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "refunds_idempotency_key_unique" UNIQUE("idempotency_key"),
	CONSTRAINT "refunds_stripe_refund_id_unique" UNIQUE("stripe_refund_id"),
	CONSTRAINT "refunds_amount_positive" CHECK ("refunds"."amount_cents" > 0),
	CONSTRAINT "refunds_credits_nonnegative" CHECK ("refunds"."credits" >= 0),
	CONSTRAINT "refunds_reason_given" CHECK (length(btrim("refunds"."reason")) > 0),
	CONSTRAINT "refunds_status" CHECK ("refunds"."status" in ('pending', 'succeeded'))
);
--> statement-breakpoint
CREATE TABLE "stripe_accounts" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"details_submitted" boolean DEFAULT false NOT NULL,
	"payouts_enabled" boolean DEFAULT false NOT NULL,
	"transfers_active" boolean DEFAULT false NOT NULL,
	"requirements_due" text[] DEFAULT '{}'::text[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stripe_accounts_account_id_unique" UNIQUE("account_id")
);
--> statement-breakpoint
ALTER TABLE "bundles" DROP CONSTRAINT "bundles_status";--> statement-breakpoint
ALTER TABLE "bundles" DROP CONSTRAINT "bundles_credits_within_total";--> statement-breakpoint
ALTER TABLE "bundles" ADD COLUMN "credits_refunded" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "bundles" ADD COLUMN "offer_id" uuid;--> statement-breakpoint
ALTER TABLE "bundles" ADD COLUMN "price_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "bundles" ADD COLUMN "currency" text DEFAULT 'eur' NOT NULL;--> statement-breakpoint
ALTER TABLE "bundles" ADD COLUMN "platform_fee_percent" integer DEFAULT 20 NOT NULL;--> statement-breakpoint
ALTER TABLE "bundles" ADD COLUMN "validity_months" integer;--> statement-breakpoint
ALTER TABLE "bundles" ADD COLUMN "checkout_session_id" text;--> statement-breakpoint
ALTER TABLE "bundles" ADD COLUMN "payment_intent_id" text;--> statement-breakpoint
ALTER TABLE "bundles" ADD COLUMN "charge_id" text;--> statement-breakpoint
ALTER TABLE "bundles" ADD COLUMN "amount_refunded" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "bundles" ADD COLUMN "paid_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "bundles" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "bundle_offers" ADD CONSTRAINT "bundle_offers_mentor_id_users_id_fk" FOREIGN KEY ("mentor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_bundle_id_bundles_id_fk" FOREIGN KEY ("bundle_id") REFERENCES "public"."bundles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_mentor_id_users_id_fk" FOREIGN KEY ("mentor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_bundle_id_bundles_id_fk" FOREIGN KEY ("bundle_id") REFERENCES "public"."bundles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "refunds" ADD CONSTRAINT "refunds_admin_id_users_id_fk" FOREIGN KEY ("admin_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stripe_accounts" ADD CONSTRAINT "stripe_accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bundle_offers_mentor_idx" ON "bundle_offers" USING btree ("mentor_id");--> statement-breakpoint
CREATE INDEX "audit_log_subject_idx" ON "audit_log" USING btree ("subject_type","subject_id");--> statement-breakpoint
CREATE INDEX "audit_log_created_idx" ON "audit_log" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "payouts_session_unique" ON "payouts" USING btree ("session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payouts_transfer_unique" ON "payouts" USING btree ("stripe_transfer_id");--> statement-breakpoint
CREATE INDEX "payouts_mentor_idx" ON "payouts" USING btree ("mentor_id","created_at");--> statement-breakpoint
CREATE INDEX "payouts_status_idx" ON "payouts" USING btree ("status");--> statement-breakpoint
CREATE INDEX "refunds_bundle_idx" ON "refunds" USING btree ("bundle_id");--> statement-breakpoint
ALTER TABLE "bundles" ADD CONSTRAINT "bundles_offer_id_bundle_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."bundle_offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bundles_checkout_session_unique" ON "bundles" USING btree ("checkout_session_id");--> statement-breakpoint
CREATE INDEX "bundles_charge_idx" ON "bundles" USING btree ("charge_id");--> statement-breakpoint
CREATE INDEX "bundles_expiry_idx" ON "bundles" USING btree ("expires_at") WHERE "bundles"."status" = 'active';--> statement-breakpoint
ALTER TABLE "bundles" ADD CONSTRAINT "bundles_credits_refunded_nonnegative" CHECK ("bundles"."credits_refunded" >= 0);--> statement-breakpoint
ALTER TABLE "bundles" ADD CONSTRAINT "bundles_price_nonnegative" CHECK ("bundles"."price_cents" >= 0);--> statement-breakpoint
ALTER TABLE "bundles" ADD CONSTRAINT "bundles_currency_format" CHECK ("bundles"."currency" ~ '^[a-z]{3}$');--> statement-breakpoint
ALTER TABLE "bundles" ADD CONSTRAINT "bundles_fee_percent_range" CHECK ("bundles"."platform_fee_percent" between 0 and 100);--> statement-breakpoint
ALTER TABLE "bundles" ADD CONSTRAINT "bundles_validity_months_range" CHECK ("bundles"."validity_months" is null or "bundles"."validity_months" between 1 and 36);--> statement-breakpoint
ALTER TABLE "bundles" ADD CONSTRAINT "bundles_refunded_within_paid" CHECK ("bundles"."amount_refunded" between 0 and "bundles"."price_cents");--> statement-breakpoint
ALTER TABLE "bundles" ADD CONSTRAINT "bundles_status" CHECK ("bundles"."status" in ('pending', 'active', 'refunded', 'expired', 'payment_failed'));--> statement-breakpoint
ALTER TABLE "bundles" ADD CONSTRAINT "bundles_credits_within_total" CHECK ("bundles"."credits_reserved" + "bundles"."credits_consumed" + "bundles"."credits_refunded" <= "bundles"."credits_total");