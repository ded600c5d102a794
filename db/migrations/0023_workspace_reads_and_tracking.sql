CREATE TABLE "relationship_reads" (
	"relationship_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"last_read_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "relationship_reads_relationship_id_user_id_pk" PRIMARY KEY("relationship_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "relationships" ADD COLUMN "tracking_token" text DEFAULT replace(gen_random_uuid()::text, '-', '');--> statement-breakpoint
ALTER TABLE "relationship_reads" ADD CONSTRAINT "relationship_reads_relationship_id_relationships_id_fk" FOREIGN KEY ("relationship_id") REFERENCES "public"."relationships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "relationship_reads" ADD CONSTRAINT "relationship_reads_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "relationships_tracking_token_unique" ON "relationships" USING btree ("tracking_token");--> statement-breakpoint
-- Every web process follows its open workspaces by LISTEN workspace_items: the payload names the
-- relationship whose timeline changed, sent when the change commits.
CREATE FUNCTION notify_workspace_item() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'DELETE' THEN
		PERFORM pg_notify('workspace_items', OLD.relationship_id::text);
	ELSE
		PERFORM pg_notify('workspace_items', NEW.relationship_id::text);
	END IF;
	RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER workspace_items_messages AFTER INSERT OR UPDATE OR DELETE ON messages FOR EACH ROW EXECUTE FUNCTION notify_workspace_item();
--> statement-breakpoint
CREATE TRIGGER workspace_items_goals AFTER INSERT OR UPDATE OR DELETE ON goals FOR EACH ROW EXECUTE FUNCTION notify_workspace_item();
--> statement-breakpoint
CREATE TRIGGER workspace_items_assignments AFTER INSERT OR UPDATE OR DELETE ON learning_assignments FOR EACH ROW EXECUTE FUNCTION notify_workspace_item();
--> statement-breakpoint
CREATE TRIGGER workspace_items_emails AFTER INSERT OR UPDATE OR DELETE ON tracked_emails FOR EACH ROW EXECUTE FUNCTION notify_workspace_item();
