-- Every section of /analytics splits by the group-by (issue 15): the payment histogram is kept
-- per group like the funnel, and the hub campaign a client arrived through is a group-by too.
-- The rollup is emptied and its state dropped, so the next report rebuilds it in the new shape.
TRUNCATE analytics_client_facts, analytics_client_revenue, analytics_order_owners, analytics_funnel_daily, analytics_revenue_daily, analytics_payment_daily;
DELETE FROM analytics_state;

-- AlterTable
ALTER TABLE "analytics_client_facts" ADD COLUMN     "campaign" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "analytics_payment_daily" DROP CONSTRAINT "analytics_payment_daily_pkey",
ADD COLUMN     "dimension" TEXT NOT NULL,
ADD COLUMN     "key" TEXT NOT NULL,
ADD CONSTRAINT "analytics_payment_daily_pkey" PRIMARY KEY ("dimension", "day", "key", "minutes");

-- A client's campaign is written once, after the client (the variables worker), and a deleted
-- campaign takes its rows with it: both move the client's group.
CREATE TRIGGER analytics_campaign_client_change AFTER INSERT OR UPDATE OR DELETE ON campaign_clients
  FOR EACH ROW EXECUTE FUNCTION analytics_mark_client();
