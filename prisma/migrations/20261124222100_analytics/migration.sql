-- CreateTable
CREATE TABLE "analytics_client_facts" (
    "project_id" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "first_message_at" TIMESTAMP(3) NOT NULL,
    "day" DATE NOT NULL,
    "bot" TEXT NOT NULL DEFAULT '',
    "messenger" TEXT NOT NULL DEFAULT '',
    "start_param" TEXT NOT NULL DEFAULT '',
    "utm_source" TEXT NOT NULL DEFAULT '',
    "linked_at" TIMESTAMP(3),
    "orders" INTEGER NOT NULL DEFAULT 0,
    "first_paid_at" TIMESTAMP(3),

    CONSTRAINT "analytics_client_facts_pkey" PRIMARY KEY ("project_id","client_id")
);

-- CreateTable
CREATE TABLE "analytics_client_revenue" (
    "project_id" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "revenue" DECIMAL(16,2) NOT NULL,
    "paid_orders" INTEGER NOT NULL,

    CONSTRAINT "analytics_client_revenue_pkey" PRIMARY KEY ("project_id","client_id","currency")
);

-- CreateTable
CREATE TABLE "analytics_order_owners" (
    "order_id" BIGINT NOT NULL,
    "project_id" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,

    CONSTRAINT "analytics_order_owners_pkey" PRIMARY KEY ("order_id")
);

-- CreateTable
CREATE TABLE "analytics_funnel_daily" (
    "dimension" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "key" TEXT NOT NULL,
    "clients" INTEGER NOT NULL,
    "linked" INTEGER NOT NULL,
    "ordered" INTEGER NOT NULL,
    "paid" INTEGER NOT NULL,

    CONSTRAINT "analytics_funnel_daily_pkey" PRIMARY KEY ("dimension","day","key")
);

-- CreateTable
CREATE TABLE "analytics_revenue_daily" (
    "dimension" TEXT NOT NULL,
    "day" DATE NOT NULL,
    "key" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "revenue" DECIMAL(18,2) NOT NULL,
    "paid_orders" INTEGER NOT NULL,

    CONSTRAINT "analytics_revenue_daily_pkey" PRIMARY KEY ("dimension","day","key","currency")
);

-- CreateTable
CREATE TABLE "analytics_dirty" (
    "id" BIGSERIAL NOT NULL,
    "project_id" TEXT,
    "client_id" TEXT,
    "gc_user_id" TEXT,
    "email" TEXT,
    "marked_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "analytics_dirty_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "analytics_state" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "time_zone" TEXT NOT NULL,
    "built_at" TIMESTAMP(3) NOT NULL,
    "refreshed_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "analytics_state_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "analytics_client_facts_day_idx" ON "analytics_client_facts"("day");

-- CreateIndex
CREATE INDEX "analytics_client_facts_first_paid_at_day_first_message_at_idx" ON "analytics_client_facts"("first_paid_at", "day", "first_message_at");

-- CreateIndex
CREATE INDEX "analytics_order_owners_project_id_client_id_idx" ON "analytics_order_owners"("project_id", "client_id");
-- Analytics freshness (lib/analytics/refresh.ts). Prisma does not model triggers, so they live
-- here only. Each trigger notes which clients (or GC users and e-mails, whose linked clients the
-- refresh finds) need their facts recomputed. The WHEN clauses keep the message-ingest path,
-- which updates counters on every message, free of extra writes.
-- The function bodies are E'' strings with \073 for each semicolon: the migration runner splits
-- scripts on every semicolon, so a body written plainly would be cut into pieces.
CREATE FUNCTION analytics_mark_client() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP <> ''INSERT'' THEN
    INSERT INTO analytics_dirty (project_id, client_id) VALUES (OLD.project_id, OLD.client_id)\073
  END IF\073
  IF TG_OP <> ''DELETE'' AND (TG_OP = ''INSERT'' OR (NEW.project_id, NEW.client_id) IS DISTINCT FROM (OLD.project_id, OLD.client_id)) THEN
    INSERT INTO analytics_dirty (project_id, client_id) VALUES (NEW.project_id, NEW.client_id)\073
  END IF\073
  RETURN NULL\073
END';

CREATE FUNCTION analytics_mark_link() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP <> ''INSERT'' THEN
    INSERT INTO analytics_dirty (project_id, client_id, gc_user_id, email) VALUES (OLD.project_id, OLD.sb_client_id, OLD.gc_user_id, OLD.email)\073
  END IF\073
  IF TG_OP <> ''DELETE'' THEN
    INSERT INTO analytics_dirty (project_id, client_id, gc_user_id, email) VALUES (NEW.project_id, NEW.sb_client_id, NEW.gc_user_id, NEW.email)\073
  END IF\073
  RETURN NULL\073
END';

CREATE FUNCTION analytics_mark_order() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP <> ''INSERT'' AND (OLD.gc_user_id IS NOT NULL OR OLD.email IS NOT NULL) THEN
    INSERT INTO analytics_dirty (gc_user_id, email) VALUES (OLD.gc_user_id, OLD.email)\073
  END IF\073
  IF TG_OP <> ''DELETE'' AND (NEW.gc_user_id IS NOT NULL OR NEW.email IS NOT NULL)
     AND (TG_OP = ''INSERT'' OR (NEW.gc_user_id, NEW.email) IS DISTINCT FROM (OLD.gc_user_id, OLD.email)) THEN
    INSERT INTO analytics_dirty (gc_user_id, email) VALUES (NEW.gc_user_id, NEW.email)\073
  END IF\073
  RETURN NULL\073
END';

CREATE TRIGGER analytics_client_insert AFTER INSERT ON salebot_clients
  FOR EACH ROW WHEN (NEW.first_message_at IS NOT NULL) EXECUTE FUNCTION analytics_mark_client();
CREATE TRIGGER analytics_client_update AFTER UPDATE ON salebot_clients
  FOR EACH ROW WHEN (
    (OLD.project_id, OLD.client_id, OLD.first_message_at, OLD.bot, OLD.messenger, OLD.start_param, OLD.utm_source)
    IS DISTINCT FROM (NEW.project_id, NEW.client_id, NEW.first_message_at, NEW.bot, NEW.messenger, NEW.start_param, NEW.utm_source)
  ) EXECUTE FUNCTION analytics_mark_client();
CREATE TRIGGER analytics_client_delete AFTER DELETE ON salebot_clients
  FOR EACH ROW EXECUTE FUNCTION analytics_mark_client();

CREATE TRIGGER analytics_link_insert AFTER INSERT ON links
  FOR EACH ROW EXECUTE FUNCTION analytics_mark_link();
CREATE TRIGGER analytics_link_update AFTER UPDATE ON links
  FOR EACH ROW WHEN (
    (OLD.project_id, OLD.sb_client_id, OLD.gc_user_id, OLD.email, OLD.linked_at)
    IS DISTINCT FROM (NEW.project_id, NEW.sb_client_id, NEW.gc_user_id, NEW.email, NEW.linked_at)
  ) EXECUTE FUNCTION analytics_mark_link();
CREATE TRIGGER analytics_link_delete AFTER DELETE ON links
  FOR EACH ROW EXECUTE FUNCTION analytics_mark_link();

CREATE TRIGGER analytics_order_insert AFTER INSERT ON gc_orders
  FOR EACH ROW EXECUTE FUNCTION analytics_mark_order();
CREATE TRIGGER analytics_order_update AFTER UPDATE ON gc_orders
  FOR EACH ROW WHEN (
    (OLD.gc_user_id, OLD.email, OLD.paid, OLD.paid_amount, OLD.currency, OLD.ordered_at, OLD.paid_at, OLD.utm_source)
    IS DISTINCT FROM (NEW.gc_user_id, NEW.email, NEW.paid, NEW.paid_amount, NEW.currency, NEW.ordered_at, NEW.paid_at, NEW.utm_source)
  ) EXECUTE FUNCTION analytics_mark_order();
CREATE TRIGGER analytics_order_delete AFTER DELETE ON gc_orders
  FOR EACH ROW EXECUTE FUNCTION analytics_mark_order();
