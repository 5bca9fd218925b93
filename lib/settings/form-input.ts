import { ORDER_EVENT_KINDS, type ForwardingSettingsInput } from "@/lib/events/forwarding-settings";
import type { IntegrationSettingsInput } from "./integration-settings";

/**
 * Settings forms → the inputs the settings modules validate. A secret input left empty keeps the
 * stored secret (the page never sends it back); its "clear" box removes the override.
 */

function text(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
}

function checked(form: FormData, name: string): boolean {
  return form.get(name) === "on" || form.get(name) === "true";
}

function secret(form: FormData, name: string): string | null | undefined {
  if (checked(form, `${name}.clear`)) return null;
  const value = text(form, name)?.trim();
  return value ? value : undefined;
}

export type IntegrationSection = "getcourse" | "salebot" | "fields";

export function integrationInputFromForm(section: IntegrationSection, form: FormData): IntegrationSettingsInput {
  if (section === "getcourse") {
    return { getcourse: { accountUrl: text(form, "accountUrl"), apiKey: secret(form, "apiKey"), techToken: secret(form, "techToken") } };
  }
  if (section === "salebot") {
    return {
      salebot: {
        index: Number(text(form, "index") ?? 0),
        apiUrl: text(form, "apiUrl"),
        apiKey: secret(form, "apiKey"),
        projectId: text(form, "projectId"),
        botUsername: text(form, "botUsername"),
        salebotField: text(form, "salebotField"),
      },
    };
  }
  return { fields: { telegram: text(form, "telegram") } };
}

export function forwardingInputFromForm(form: FormData): ForwardingSettingsInput {
  const events = Object.fromEntries(
    ORDER_EVENT_KINDS.map((kind) => [kind, { enabled: checked(form, `events.${kind}.enabled`), message: text(form, `events.${kind}.message`) ?? "" }]),
  ) as ForwardingSettingsInput["events"];
  const method = text(form, "method");
  return {
    method: method === "tg_callback" ? "tg_callback" : "callback",
    botUsername: text(form, "botUsername") ?? null,
    maxAttempts: Number(text(form, "maxAttempts") ?? ""),
    events,
    activity: { enabled: checked(form, "activity.enabled"), field: text(form, "activity.field") ?? "" },
  };
}
