/** Salebot `client_type` codes (doc §8, confirmed table). Codes 4, 9, 11, 15, 17, 18 are undocumented. */
export const SALEBOT_CLIENT_TYPES = {
  0: { messenger: "vk", label: "VKontakte" },
  1: { messenger: "telegram", label: "Telegram" },
  2: { messenger: "viber", label: "Viber" },
  3: { messenger: "facebook", label: "Facebook" },
  5: { messenger: "online_chat", label: "Online chat" },
  6: { messenger: "whatsapp", label: "WhatsApp" },
  7: { messenger: "avito", label: "Avito" },
  8: { messenger: "odnoklassniki", label: "Odnoklassniki" },
  10: { messenger: "instagram", label: "Instagram" },
  12: { messenger: "yula", label: "Yula" },
  13: { messenger: "telephony", label: "Telephony" },
  14: { messenger: "email", label: "E-mail" },
  16: { messenger: "telegram_business", label: "Telegram Business" },
  19: { messenger: "cian", label: "Cian" },
  20: { messenger: "max", label: "Max" },
  21: { messenger: "telegram_account", label: "Telegram account" },
  22: { messenger: "tiktok", label: "TikTok" },
} as const;

type ClientTypeTable = typeof SALEBOT_CLIENT_TYPES;
export type SalebotClientTypeCode = keyof ClientTypeTable;
export type SalebotMessenger = ClientTypeTable[SalebotClientTypeCode]["messenger"];

export const TELEGRAM_CLIENT_TYPE = 1;

function entryOf(clientType: number | null | undefined) {
  if (clientType === null || clientType === undefined) return undefined;
  return (SALEBOT_CLIENT_TYPES as Record<number, ClientTypeTable[SalebotClientTypeCode] | undefined>)[clientType];
}

/** Stable machine name for grouping (analytics `messenger`); undocumented codes become `unknown`. */
export function messengerOfClientType(clientType: number | null | undefined): SalebotMessenger | "unknown" {
  return entryOf(clientType)?.messenger ?? "unknown";
}

/** Human name for the UI; keeps the raw code visible when Salebot sends one we do not know. */
export function messengerLabelOfClientType(clientType: number | null | undefined): string {
  const entry = entryOf(clientType);
  if (entry) return entry.label;
  return clientType === null || clientType === undefined ? "Unknown" : `Unknown (${clientType})`;
}
