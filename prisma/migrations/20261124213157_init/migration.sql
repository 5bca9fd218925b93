-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('admin', 'staff', 'marketer');

-- CreateEnum
CREATE TYPE "LinkSource" AS ENUM ('bot', 'form', 'admin');

-- CreateEnum
CREATE TYPE "AttemptOutcome" AS ENUM ('success', 'failed', 'queued');

-- CreateEnum
CREATE TYPE "MessageDirection" AS ENUM ('in', 'out');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('pending', 'sent', 'failed');

-- CreateTable
CREATE TABLE "salebot_clients" (
    "id" BIGSERIAL NOT NULL,
    "project_id" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "platform_id" TEXT,
    "messenger" TEXT,
    "bot" TEXT,
    "name" TEXT,
    "start_param" TEXT,
    "utm_source" TEXT,
    "utm_medium" TEXT,
    "utm_campaign" TEXT,
    "utm_content" TEXT,
    "utm_term" TEXT,
    "variables_fetched_at" TIMESTAMP(3),
    "first_message_at" TIMESTAMP(3),
    "last_message_at" TIMESTAMP(3),
    "messages_in" INTEGER NOT NULL DEFAULT 0,
    "messages_out" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "salebot_clients_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "salebot_messages" (
    "id" BIGSERIAL NOT NULL,
    "project_id" TEXT NOT NULL,
    "message_id" TEXT NOT NULL,
    "client_ref" BIGINT NOT NULL,
    "direction" "MessageDirection" NOT NULL,
    "text" TEXT,
    "received_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "payload" JSONB NOT NULL,

    CONSTRAINT "salebot_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "links" (
    "id" BIGSERIAL NOT NULL,
    "project_id" TEXT NOT NULL,
    "sb_client_id" TEXT NOT NULL,
    "telegram_id" TEXT,
    "email" TEXT NOT NULL,
    "gc_user_id" TEXT,
    "source" "LinkSource" NOT NULL,
    "linked_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "links_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "link_attempts" (
    "id" BIGSERIAL NOT NULL,
    "request_id" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "sb_client_id" TEXT,
    "telegram_id" TEXT,
    "email" TEXT,
    "source" "LinkSource" NOT NULL,
    "actor" TEXT,
    "outcome" "AttemptOutcome" NOT NULL,
    "error_code" TEXT,
    "error_detail" TEXT,
    "gc_user_id" TEXT,
    "duration_ms" INTEGER NOT NULL,
    "input" JSONB NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolved_at" TIMESTAMP(3),

    CONSTRAINT "link_attempts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "gc_orders" (
    "id" BIGSERIAL NOT NULL,
    "deal_id" TEXT NOT NULL,
    "deal_number" TEXT,
    "gc_user_id" TEXT,
    "email" TEXT,
    "status" TEXT,
    "paid" BOOLEAN NOT NULL DEFAULT false,
    "cost_amount" DECIMAL(14,2),
    "paid_amount" DECIMAL(14,2),
    "currency" TEXT NOT NULL DEFAULT 'RUB',
    "offer" TEXT,
    "utm_source" TEXT,
    "utm_medium" TEXT,
    "utm_campaign" TEXT,
    "ordered_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "paid_at" TIMESTAMP(3),
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "gc_orders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deliveries" (
    "id" BIGSERIAL NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "project_id" TEXT NOT NULL,
    "sb_client_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "next_attempt_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMP(3),

    CONSTRAINT "deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" BIGSERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "password_hash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_login_at" TIMESTAMP(3),

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "actor_id" BIGINT,
    "actor_email" TEXT,
    "action" TEXT NOT NULL,
    "target" TEXT,
    "before" JSONB,
    "after" JSONB,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "settings" (
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "updated_by" TEXT,

    CONSTRAINT "settings_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "salebot_clients_first_message_at_idx" ON "salebot_clients"("first_message_at");

-- CreateIndex
CREATE INDEX "salebot_clients_platform_id_idx" ON "salebot_clients"("platform_id");

-- CreateIndex
CREATE INDEX "salebot_clients_bot_first_message_at_idx" ON "salebot_clients"("bot", "first_message_at");

-- CreateIndex
CREATE UNIQUE INDEX "salebot_clients_project_id_client_id_key" ON "salebot_clients"("project_id", "client_id");

-- CreateIndex
CREATE INDEX "salebot_messages_client_ref_received_at_idx" ON "salebot_messages"("client_ref", "received_at");

-- CreateIndex
CREATE INDEX "salebot_messages_received_at_idx" ON "salebot_messages"("received_at");

-- CreateIndex
CREATE UNIQUE INDEX "salebot_messages_project_id_message_id_key" ON "salebot_messages"("project_id", "message_id");

-- CreateIndex
CREATE INDEX "links_email_idx" ON "links"("email");

-- CreateIndex
CREATE INDEX "links_telegram_id_idx" ON "links"("telegram_id");

-- CreateIndex
CREATE INDEX "links_gc_user_id_idx" ON "links"("gc_user_id");

-- CreateIndex
CREATE INDEX "links_linked_at_idx" ON "links"("linked_at");

-- CreateIndex
CREATE UNIQUE INDEX "links_project_id_sb_client_id_key" ON "links"("project_id", "sb_client_id");

-- CreateIndex
CREATE UNIQUE INDEX "links_project_id_email_key" ON "links"("project_id", "email");

-- CreateIndex
CREATE INDEX "link_attempts_created_at_idx" ON "link_attempts"("created_at");

-- CreateIndex
CREATE INDEX "link_attempts_error_code_resolved_at_idx" ON "link_attempts"("error_code", "resolved_at");

-- CreateIndex
CREATE INDEX "link_attempts_project_id_sb_client_id_idx" ON "link_attempts"("project_id", "sb_client_id");

-- CreateIndex
CREATE INDEX "link_attempts_email_idx" ON "link_attempts"("email");

-- CreateIndex
CREATE UNIQUE INDEX "gc_orders_deal_id_key" ON "gc_orders"("deal_id");

-- CreateIndex
CREATE INDEX "gc_orders_gc_user_id_idx" ON "gc_orders"("gc_user_id");

-- CreateIndex
CREATE INDEX "gc_orders_email_idx" ON "gc_orders"("email");

-- CreateIndex
CREATE INDEX "gc_orders_ordered_at_idx" ON "gc_orders"("ordered_at");

-- CreateIndex
CREATE INDEX "gc_orders_paid_at_idx" ON "gc_orders"("paid_at");

-- CreateIndex
CREATE UNIQUE INDEX "deliveries_idempotency_key_key" ON "deliveries"("idempotency_key");

-- CreateIndex
CREATE INDEX "deliveries_status_next_attempt_at_idx" ON "deliveries"("status", "next_attempt_at");

-- CreateIndex
CREATE INDEX "deliveries_project_id_sb_client_id_idx" ON "deliveries"("project_id", "sb_client_id");

-- CreateIndex
CREATE INDEX "deliveries_created_at_idx" ON "deliveries"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "audit_log_created_at_idx" ON "audit_log"("created_at");

-- CreateIndex
CREATE INDEX "audit_log_actor_id_created_at_idx" ON "audit_log"("actor_id", "created_at");

-- CreateIndex
CREATE INDEX "audit_log_action_created_at_idx" ON "audit_log"("action", "created_at");

-- AddForeignKey
ALTER TABLE "salebot_messages" ADD CONSTRAINT "salebot_messages_client_ref_fkey" FOREIGN KEY ("client_ref") REFERENCES "salebot_clients"("id") ON DELETE CASCADE ON UPDATE CASCADE;
