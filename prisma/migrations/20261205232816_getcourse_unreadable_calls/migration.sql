-- AlterTable
ALTER TABLE "gc_order_events" ADD COLUMN     "inferred" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "gc_unreadable_calls" (
    "id" BIGSERIAL NOT NULL,
    "received_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "method" TEXT NOT NULL,
    "content_type" TEXT,
    "query" JSONB NOT NULL,
    "body" TEXT,
    "reason" TEXT NOT NULL,
    "detail" TEXT,
    "request_id" TEXT,
    "handled_at" TIMESTAMP(3),
    "handled_by" TEXT,
    "deal_id" TEXT,

    CONSTRAINT "gc_unreadable_calls_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "gc_unreadable_calls_handled_at_received_at_idx" ON "gc_unreadable_calls"("handled_at", "received_at");
