import { db } from "@/lib/db";
import { checkDatabase } from "@/lib/health";

export type OverviewCounts = {
  database: "ok" | "error";
  links: number;
  attempts: number;
  openFailures: number;
  clients: number;
  orders: number;
};

/** The overview's headline numbers; with the database down, only its status. */
export async function getOverviewCounts(): Promise<OverviewCounts> {
  const database = await checkDatabase();
  if (database === "error") return { database, links: 0, attempts: 0, openFailures: 0, clients: 0, orders: 0 };
  const [links, attempts, openFailures, clients, orders] = await Promise.all([
    db.link.count(),
    db.linkAttempt.count(),
    db.linkAttempt.count({ where: { outcome: { not: "success" }, resolvedAt: null } }),
    db.salebotClient.count(),
    db.gcOrder.count(),
  ]);
  return { database, links, attempts, openFailures, clients, orders };
}
