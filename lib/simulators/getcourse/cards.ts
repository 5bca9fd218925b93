import { cardPage, cardTime, notFoundPage } from "@/lib/simulators/shared/card-page";
import type { SimResponse } from "@/lib/simulators/shared/http-server";
import type { GetCourseSimState } from "./state";

/** GetCourse's admin cards, as the hub links to them (lib/getcourse/urls.ts). */
const USER_CARD = /^\/user\/control\/user\/update\/id\/(\d+)$/;
const DEAL_CARD = /^\/sales\/control\/deal\/update\/id\/(\d+)$/;

function customFields(
  state: GetCourseSimState,
  values: Record<number, string>,
  context: "user" | "deal",
): [string, string][] {
  return Object.entries(values).map(([id, value]) => [
    state.findField(Number(id), context)?.title ?? `field ${id}`,
    value,
  ]);
}

export function getCourseCard(state: GetCourseSimState, path: string): SimResponse | null {
  const user = USER_CARD.exec(path);
  if (user) {
    const found = state.getUser(Number(user[1]));
    if (!found) return notFoundPage("GetCourse", `User ${user[1]}`);
    const deals = state.deals.filter((deal) => deal.userId === found.id);
    return cardPage(
      "GetCourse",
      `User ${found.id}: ${[found.firstName, found.lastName].filter(Boolean).join(" ") || found.email}`,
      [
        {
          title: "User",
          rows: [
            ["E-mail", found.email],
            ["Phone", found.phone || "—"],
            ["Status", found.status],
            ["Created", cardTime(found.createdAt)],
            ["Groups", found.groups.join(", ") || "—"],
          ],
        },
        { title: "Additional fields", rows: customFields(state, found.fields, "user") },
        {
          title: "Deals",
          rows: deals.map((deal) => [
            `#${deal.number}`,
            `${deal.productTitle} · ${deal.cost} ${deal.currency} · ${deal.status}`,
          ]),
        },
      ],
    );
  }
  const deal = DEAL_CARD.exec(path);
  if (deal) {
    const found = state.getDeal(Number(deal[1]));
    if (!found) return notFoundPage("GetCourse", `Deal ${deal[1]}`);
    const owner = state.getUser(found.userId);
    return cardPage("GetCourse", `Deal #${found.number}`, [
      {
        title: "Deal",
        rows: [
          ["Product", found.productTitle],
          ["Cost", `${found.cost} ${found.currency}`],
          ["Paid", `${found.payedMoney} ${found.currency}`],
          ["Status", found.status],
          ["Created", cardTime(found.createdAt)],
          ["Paid at", cardTime(found.payedAt)],
          ["User", owner ? `${owner.id} · ${owner.email}` : String(found.userId)],
        ],
      },
      {
        title: "Payments",
        rows: found.payments.map((payment) => [
          `#${payment.id}`,
          `${payment.amount} · ${payment.status} · ${cardTime(payment.createdAt)}`,
        ]),
      },
    ]);
  }
  return null;
}
