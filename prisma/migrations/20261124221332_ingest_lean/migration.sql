-- DropForeignKey
ALTER TABLE "salebot_messages" DROP CONSTRAINT "salebot_messages_project_id_client_id_fkey";

-- DropIndex
DROP INDEX "salebot_messages_received_at_idx";

-- AlterTable
ALTER TABLE "salebot_messages" ALTER COLUMN "payload" SET DATA TYPE JSON;
