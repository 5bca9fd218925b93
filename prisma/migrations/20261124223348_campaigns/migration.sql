-- CreateEnum
CREATE TYPE "CampaignKind" AS ENUM ('salebot_link', 'telegram_start');

-- CreateTable
CREATE TABLE "campaigns" (
    "id" BIGSERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "bot" TEXT NOT NULL,
    "kind" "CampaignKind" NOT NULL,
    "salebot_link" TEXT,
    "start_code" TEXT NOT NULL,
    "utm_source" TEXT,
    "utm_medium" TEXT,
    "utm_campaign" TEXT,
    "utm_content" TEXT,
    "utm_term" TEXT,
    "created_by_id" BIGINT,
    "created_by_email" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "archived_at" TIMESTAMP(3),

    CONSTRAINT "campaigns_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaign_clients" (
    "project_id" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "campaign_id" BIGINT NOT NULL,
    "via" TEXT NOT NULL,
    "attributed_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "campaign_clients_pkey" PRIMARY KEY ("project_id","client_id")
);

-- CreateTable
CREATE TABLE "salebot_variables_retries" (
    "project_id" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL,
    "retry_at" TIMESTAMP(3) NOT NULL,
    "last_error" TEXT,

    CONSTRAINT "salebot_variables_retries_pkey" PRIMARY KEY ("project_id","client_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "campaigns_start_code_key" ON "campaigns"("start_code");

-- CreateIndex
CREATE INDEX "campaigns_archived_at_created_at_idx" ON "campaigns"("archived_at", "created_at");

-- CreateIndex
CREATE INDEX "campaign_clients_campaign_id_idx" ON "campaign_clients"("campaign_id");

-- CreateIndex
CREATE INDEX "salebot_variables_retries_retry_at_idx" ON "salebot_variables_retries"("retry_at");

-- AddForeignKey
ALTER TABLE "campaign_clients" ADD CONSTRAINT "campaign_clients_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written: the variables worker's queue (lib/salebot-variables) is the clients not yet
-- fetched, oldest first. A partial index keeps it small (only pending clients) and leaves the
-- webhook's counter updates HOT (it never changes variables_fetched_at). Prisma cannot declare
-- partial indexes, and its diff ignores this one (lib/migrations checks it).
CREATE INDEX "salebot_clients_variables_pending_idx" ON "salebot_clients" ("id") WHERE "variables_fetched_at" IS NULL;
