-- CreateEnum
CREATE TYPE "BackfillStatus" AS ENUM ('running', 'paused', 'done', 'failed');

-- AlterEnum
BEGIN;
CREATE TYPE "DeliveryStatus_new" AS ENUM ('pending', 'sent', 'dead');
ALTER TABLE "public"."deliveries" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "deliveries" ALTER COLUMN "status" TYPE "DeliveryStatus_new" USING ("status"::text::"DeliveryStatus_new");
ALTER TYPE "DeliveryStatus" RENAME TO "DeliveryStatus_old";
ALTER TYPE "DeliveryStatus_new" RENAME TO "DeliveryStatus";
DROP TYPE "public"."DeliveryStatus_old";
ALTER TABLE "deliveries" ALTER COLUMN "status" SET DEFAULT 'pending';
COMMIT;

-- DropForeignKey
ALTER TABLE "salebot_messages" DROP CONSTRAINT "salebot_messages_client_ref_fkey";

-- DropIndex
DROP INDEX "salebot_messages_client_ref_received_at_idx";

-- AlterTable
ALTER TABLE "deliveries" ADD COLUMN     "max_attempts" INTEGER NOT NULL DEFAULT 8;

-- AlterTable
ALTER TABLE "gc_orders" ADD COLUMN     "status_at" TIMESTAMP(3),
ADD COLUMN     "utm_content" TEXT,
ADD COLUMN     "utm_term" TEXT;

-- AlterTable
ALTER TABLE "salebot_clients" ADD COLUMN     "gc_activity_synced_at" TIMESTAMP(3),
ADD COLUMN     "variables" JSONB,
ALTER COLUMN "updated_at" SET DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "salebot_messages" DROP COLUMN "client_ref",
ADD COLUMN     "client_id" TEXT;

-- CreateTable
CREATE TABLE "gc_order_events" (
    "id" BIGSERIAL NOT NULL,
    "dedupe_key" TEXT NOT NULL,
    "deal_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "status" TEXT,
    "paid" BOOLEAN NOT NULL DEFAULT false,
    "paid_amount" DECIMAL(14,2),
    "occurred_at" TIMESTAMP(3) NOT NULL,
    "received_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "payload" JSONB NOT NULL,

    CONSTRAINT "gc_order_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "backfill_runs" (
    "id" BIGSERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "status" "BackfillStatus" NOT NULL DEFAULT 'running',
    "export_id" TEXT,
    "filters" JSONB NOT NULL,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER,
    "error" TEXT,
    "started_by" TEXT,
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "backfill_runs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "gc_order_events_dedupe_key_key" ON "gc_order_events"("dedupe_key");

-- CreateIndex
CREATE INDEX "gc_order_events_deal_id_occurred_at_idx" ON "gc_order_events"("deal_id", "occurred_at");

-- CreateIndex
CREATE INDEX "gc_order_events_received_at_idx" ON "gc_order_events"("received_at");

-- CreateIndex
CREATE INDEX "backfill_runs_status_started_at_idx" ON "backfill_runs"("status", "started_at");

-- CreateIndex
CREATE INDEX "salebot_messages_project_id_client_id_received_at_idx" ON "salebot_messages"("project_id", "client_id", "received_at");

-- AddForeignKey
ALTER TABLE "salebot_messages" ADD CONSTRAINT "salebot_messages_project_id_client_id_fkey" FOREIGN KEY ("project_id", "client_id") REFERENCES "salebot_clients"("project_id", "client_id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gc_order_events" ADD CONSTRAINT "gc_order_events_deal_id_fkey" FOREIGN KEY ("deal_id") REFERENCES "gc_orders"("deal_id") ON DELETE CASCADE ON UPDATE CASCADE;
