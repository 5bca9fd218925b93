-- CreateEnum
CREATE TYPE "MatchKind" AS ENUM ('phone', 'email');

-- CreateEnum
CREATE TYPE "MatchOrigin" AS ENUM ('whatsapp_id', 'variable', 'message');

-- CreateEnum
CREATE TYPE "SuggestionStatus" AS ENUM ('pending', 'ambiguous', 'linked', 'dismissed', 'failed');

-- AlterEnum
ALTER TYPE "LinkSource" ADD VALUE 'suggestion';

-- AlterTable
ALTER TABLE "analytics_client_facts" ADD COLUMN     "link_source" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "salebot_clients" ADD COLUMN     "matched_at" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "gc_user_contacts" (
    "gc_user_id" TEXT NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "gc_user_contacts_pkey" PRIMARY KEY ("gc_user_id")
);

-- CreateTable
CREATE TABLE "link_suggestions" (
    "id" BIGSERIAL NOT NULL,
    "project_id" TEXT NOT NULL,
    "sb_client_id" TEXT NOT NULL,
    "kind" "MatchKind" NOT NULL,
    "value" TEXT NOT NULL,
    "origin" "MatchOrigin" NOT NULL,
    "gc_user_ids" TEXT[],
    "emails" TEXT[],
    "status" "SuggestionStatus" NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_at" TIMESTAMP(3),
    "decided_by" TEXT,
    "dismiss_reason" TEXT,
    "error_code" TEXT,

    CONSTRAINT "link_suggestions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "match_cursors" (
    "stream" TEXT NOT NULL,
    "last_id" BIGINT NOT NULL,

    CONSTRAINT "match_cursors_pkey" PRIMARY KEY ("stream")
);

-- CreateIndex
CREATE INDEX "gc_user_contacts_phone_idx" ON "gc_user_contacts"("phone");

-- CreateIndex
CREATE INDEX "gc_user_contacts_email_idx" ON "gc_user_contacts"("email");

-- CreateIndex
CREATE INDEX "link_suggestions_status_created_at_idx" ON "link_suggestions"("status", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "link_suggestions_project_id_sb_client_id_kind_value_key" ON "link_suggestions"("project_id", "sb_client_id", "kind", "value");

-- Link source is a group-by of the analytics (issue 16): the rollup is emptied and its state
-- dropped, so the next report rebuilds it with the new column filled.
TRUNCATE analytics_client_facts, analytics_client_revenue, analytics_order_owners, analytics_funnel_daily, analytics_revenue_daily, analytics_payment_daily;
DELETE FROM analytics_state;

-- A relink may change a link's source alone: that moves the client's group too.
DROP TRIGGER analytics_link_update ON links;
CREATE TRIGGER analytics_link_update AFTER UPDATE ON links
  FOR EACH ROW WHEN (
    (OLD.project_id, OLD.sb_client_id, OLD.gc_user_id, OLD.email, OLD.linked_at, OLD.source)
    IS DISTINCT FROM (NEW.project_id, NEW.sb_client_id, NEW.gc_user_id, NEW.email, NEW.linked_at, NEW.source)
  ) EXECUTE FUNCTION analytics_mark_link();

-- The matcher's scan of clients it has yet to look at, empty once it has caught up.
CREATE INDEX "salebot_clients_unmatched_idx" ON "salebot_clients"("id") WHERE "matched_at" IS NULL;
