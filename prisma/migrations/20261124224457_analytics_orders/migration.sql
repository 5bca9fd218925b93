-- The rollup gains columns (the orders table's dialog facts on each order's owner) and a table
-- (the time-to-payment histogram). Rather than backfill them here, empty the owners and forget
-- the rollup's state: the next report or refresh rebuilds everything from the source tables.
TRUNCATE "analytics_order_owners";
DELETE FROM "analytics_state";

-- AlterTable
ALTER TABLE "analytics_order_owners" ADD COLUMN     "bot" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "first_message_at" TIMESTAMP(3) NOT NULL,
ADD COLUMN     "linked_at" TIMESTAMP(3),
ADD COLUMN     "messenger" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "start_param" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "utm_source" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "analytics_payment_daily" (
    "day" DATE NOT NULL,
    "minutes" INTEGER NOT NULL,
    "clients" INTEGER NOT NULL,

    CONSTRAINT "analytics_payment_daily_pkey" PRIMARY KEY ("day","minutes")
);

-- CreateIndex
CREATE INDEX "analytics_order_owners_first_message_at_idx" ON "analytics_order_owners"("first_message_at");

-- CreateIndex
CREATE INDEX "analytics_order_owners_bot_idx" ON "analytics_order_owners"("bot");

-- CreateIndex
CREATE INDEX "analytics_order_owners_utm_source_idx" ON "analytics_order_owners"("utm_source");
