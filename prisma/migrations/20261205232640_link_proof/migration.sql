-- CreateEnum
CREATE TYPE "LinkProof" AS ENUM ('email_code', 'start_link', 'admin');

-- AlterTable
ALTER TABLE "links" ADD COLUMN     "proof" "LinkProof",
ADD COLUMN     "proven_at" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "connect_codes" (
    "id" BIGSERIAL NOT NULL,
    "project_id" TEXT NOT NULL,
    "sb_client_id" TEXT NOT NULL,
    "telegram_id" TEXT,
    "email" TEXT NOT NULL,
    "code_hash" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "expires_at" TIMESTAMP(3) NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "connect_codes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "connect_codes_project_id_sb_client_id_key" ON "connect_codes"("project_id", "sb_client_id");
