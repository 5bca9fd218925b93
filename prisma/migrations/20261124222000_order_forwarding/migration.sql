-- AlterTable
ALTER TABLE "gc_order_events" ADD COLUMN     "forwarded_at" TIMESTAMP(3),
ADD COLUMN     "forwarding" JSONB;

-- CreateIndex
CREATE INDEX "gc_order_events_forwarded_at_received_at_idx" ON "gc_order_events"("forwarded_at", "received_at");
