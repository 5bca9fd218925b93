-- DropIndex
DROP INDEX "links_telegram_id_idx";

-- CreateIndex
CREATE INDEX "links_telegram_id_id_idx" ON "links"("telegram_id", "id");
