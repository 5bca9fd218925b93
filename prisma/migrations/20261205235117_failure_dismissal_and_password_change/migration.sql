-- AlterTable
ALTER TABLE "link_attempts" ADD COLUMN     "dismiss_reason" TEXT,
ADD COLUMN     "dismissed_at" TIMESTAMP(3),
ADD COLUMN     "dismissed_by" TEXT,
ADD COLUMN     "last_retried_at" TIMESTAMP(3),
ADD COLUMN     "retry_count" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "retry_of" BIGINT;

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "must_change_password" BOOLEAN NOT NULL DEFAULT false;
