import { describe, expect, test } from "vitest";
import { LINK_ERROR_CODES } from "@/lib/linking/codes";
import { DAY_MS, DEMO_CLIENTS, DEMO_HISTORY_DAYS } from "./constants";
import { buildDemoScenario } from "./scenario";

const anchor = new Date("2026-03-01T09:00:00Z");
const scenario = buildDemoScenario({ seed: "unit", anchor });

describe("buildDemoScenario", () => {
  test("is deterministic: same seed and anchor, same scenario; another seed, another one", () => {
    expect(buildDemoScenario({ seed: "unit", anchor })).toEqual(scenario);
    const other = buildDemoScenario({ seed: "other", anchor });
    expect(other.links.map((link) => link.email)).not.toEqual(scenario.links.map((link) => link.email));
  });

  test("a few hundred clients over the past six weeks, across bots, messengers, start params and UTM", () => {
    const { conversations } = scenario.conversations;
    expect(conversations).toHaveLength(DEMO_CLIENTS);
    const times = conversations.map((c) => c.firstMessageAt.getTime());
    expect(Math.min(...times)).toBeGreaterThanOrEqual(anchor.getTime() - DEMO_HISTORY_DAYS * DAY_MS);
    expect(Math.max(...times)).toBeLessThan(anchor.getTime());
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(30 * DAY_MS);
    expect(new Set(conversations.map((c) => c.client.group)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(conversations.map((c) => c.client.clientType)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(conversations.map((c) => c.startParameter)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(conversations.map((c) => c.utmSource)).size).toBeGreaterThanOrEqual(4);
  });

  test("most clients are GetCourse users, a good share is linked, keys are unique", () => {
    const history = scenario.users.length - 3;
    expect(history / DEMO_CLIENTS).toBeGreaterThan(0.65);
    expect(scenario.links.length / DEMO_CLIENTS).toBeGreaterThan(0.35);
    expect(new Set(scenario.links.map((l) => l.email)).size).toBe(scenario.links.length);
    expect(new Set(scenario.links.map((l) => l.sbClientId)).size).toBe(scenario.links.length);
    expect(new Set(scenario.users.map((u) => u.email)).size).toBe(scenario.users.length);
    // Numbered the way the GetCourse simulator numbers users.
    scenario.users.forEach((user, index) => expect(user.id).toBe((scenario.users[0]?.id ?? 0) + index));
  });

  test("attempts: every link has its success or queued Salebot part, and each failure kind appears", () => {
    const codes = new Set(scenario.attempts.map((a) => a.errorCode));
    for (const code of LINK_ERROR_CODES.filter((c) => c !== "bad_request")) expect(codes).toContain(code);
    for (const link of scenario.links) {
      const own = scenario.attempts.filter((a) => a.sbClientId === link.sbClientId && a.email === link.email);
      expect(own.some((a) => a.outcome === "success" || a.errorCode === "salebot_unavailable")).toBe(true);
    }
    const open = scenario.attempts.filter((a) => a.outcome !== "success" && a.resolvedAt === null);
    expect(open.length).toBeGreaterThan(10);
    expect(scenario.attempts.every((a) => a.createdAt < anchor)).toBe(true);
  });

  test("orders and payments in several currencies, some cancelled or refunded; deliveries sent, pending and dead", () => {
    const { orders, deliveries } = scenario;
    expect(orders.length).toBeGreaterThan(60);
    expect(new Set(orders.map((o) => o.currency)).size).toBeGreaterThanOrEqual(3);
    const statuses = new Set(orders.map((o) => o.status));
    for (const status of ["payed", "cancelled", "waiting_for_return", "new"]) expect(statuses).toContain(status);
    expect(orders.filter((o) => o.paid).every((o) => o.paidAt !== null && (o.paidAmount ?? 0) > 0)).toBe(true);
    expect(orders.every((o) => o.orderedAt < anchor && (o.paidAt ?? o.orderedAt) >= o.orderedAt)).toBe(true);
    expect(new Set(orders.flatMap((o) => o.events.map((e) => e.dedupeKey))).size).toBe(
      orders.reduce((n, o) => n + o.events.length, 0),
    );
    const byStatus = new Set(deliveries.map((d) => d.status));
    expect([...byStatus].sort()).toEqual(["dead", "pending", "sent"]);
    expect(new Set(deliveries.map((d) => d.idempotencyKey)).size).toBe(deliveries.length);
  });

  test("the live plan: new dialogs, links with a success, a wrong e-mail and a conflict, and orders", () => {
    const { live } = scenario;
    expect(live.conversations.messages.length).toBeGreaterThanOrEqual(10);
    expect(live.links.map((l) => l.expected)).toEqual(["success", "success", "success", "user_not_found", "conflict"]);
    const historyClients = new Set(scenario.conversations.conversations.map((c) => c.client.id));
    expect(live.conversations.conversations.every((c) => !historyClients.has(c.client.id))).toBe(true);
    expect(live.deals.some((d) => d.pay)).toBe(true);
  });

  test("chat matches: every GetCourse user has a phone; unlinked clients known by phone or e-mail, one shared phone, confirmed suggestions among past links", () => {
    expect(scenario.users.every((user) => user.phone)).toBe(true);
    const { matches } = scenario;
    expect(matches.phone).toBeGreaterThan(3);
    expect(matches.email).toBeGreaterThan(3);
    expect(matches.ambiguous).toBeGreaterThan(1);
    expect(scenario.links.filter((link) => link.source === "suggestion")).toHaveLength(matches.confirmed);
    expect(matches.confirmed).toBeGreaterThan(3);
    const wrote = scenario.conversations.conversations
      .flatMap((c) => c.client.history)
      .filter((item) => /Моя почта \S+@/.test(item.text ?? ""));
    expect(wrote).toHaveLength(matches.email);
  });
});
