-- AlterEnum
ALTER TYPE "LinkSource" ADD VALUE 'deep_link';

-- CreateTable
CREATE TABLE "start_link_users" (
    "gc_user_id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "field_status" TEXT,
    "field_value" TEXT,
    "field_written_at" TIMESTAMP(3),
    "field_error" TEXT,
    "run_id" BIGINT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "start_link_users_pkey" PRIMARY KEY ("gc_user_id")
);

-- CreateTable
CREATE TABLE "start_link_claims" (
    "id" BIGSERIAL NOT NULL,
    "project_id" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "via" TEXT NOT NULL,
    "gc_user_id" TEXT,
    "campaign_id" TEXT,
    "outcome" TEXT NOT NULL,
    "reason" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "start_link_claims_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "start_link_users_email_idx" ON "start_link_users"("email");

-- CreateIndex
CREATE INDEX "start_link_users_field_status_updated_at_idx" ON "start_link_users"("field_status", "updated_at");

-- CreateIndex
CREATE INDEX "start_link_users_run_id_field_status_idx" ON "start_link_users"("run_id", "field_status");

-- CreateIndex
CREATE INDEX "start_link_claims_project_id_gc_user_id_idx" ON "start_link_claims"("project_id", "gc_user_id");

-- CreateIndex
CREATE UNIQUE INDEX "start_link_claims_project_id_client_id_code_key" ON "start_link_claims"("project_id", "client_id", "code");

-- Personal start links (lib/linking/start-link/scan.ts) look for `/start gc-…` messages and
-- `gc-…` start parameters. Partial indexes, so the look-up reads only those rows and the ingest of
-- every other message pays one prefix comparison (Prisma cannot declare a partial index).
CREATE INDEX "salebot_messages_start_command_idx" ON "salebot_messages" ("received_at") WHERE "text" LIKE '/start%';
CREATE INDEX "salebot_clients_start_link_idx" ON "salebot_clients" ("id") WHERE "start_param" LIKE 'gc-%';
