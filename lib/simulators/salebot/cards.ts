import { cardPage, cardTime, notFoundPage } from "@/lib/simulators/shared/card-page";
import type { SimResponse } from "@/lib/simulators/shared/http-server";
import type { SalebotSimState } from "./state";

/** The dialog page of Salebot's web UI, as the hub links to it (lib/salebot/urls.ts). */
const DIALOG = /^\/projects\/(\d+)\/clients\/(\d+)$/;

/** Messages shown on the page: the latest, enough to recognise the dialog. */
const RECENT_MESSAGES = 30;

export function salebotDialogCard(state: SalebotSimState, projectId: number, path: string): SimResponse | null {
  const match = DIALOG.exec(path);
  if (!match) return null;
  const client = Number(match[1]) === projectId ? state.client(Number(match[2])) : undefined;
  if (!client) return notFoundPage("Salebot", `Client ${match[2]} of project ${match[1]}`);
  const variables = (values: Record<string, unknown>) =>
    Object.entries(values).map(([name, value]): [string, string] => [
      name,
      typeof value === "string" ? value : JSON.stringify(value),
    ]);
  return cardPage("Salebot", `Client ${client.id}: ${client.name ?? "—"}`, [
    {
      title: "Client",
      rows: [
        ["Messenger id", client.platformId],
        ["Bot", client.group || "—"],
        ["First seen", cardTime(client.createdAt)],
      ],
    },
    { title: "Client variables", rows: variables(client.clientVariables) },
    { title: "Deal variables", rows: variables(client.dealVariables) },
    {
      title: "Dialog",
      rows: client.history
        .slice(-RECENT_MESSAGES)
        .map((item): [string, string] => [
          `${cardTime(item.createdAt)} ${item.clientReplica ? "client" : "bot"}`,
          item.text,
        ]),
    },
  ]);
}
