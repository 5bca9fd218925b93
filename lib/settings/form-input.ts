import { ORDER_EVENT_KINDS, type ForwardingSettingsInput } from "@/lib/forwarding/settings";
import { formString } from "@/lib/form-data";
import type { IntegrationSettingsInput } from "./integration-settings";

/**
 * Settings forms → the inputs the settings modules validate. A secret input left empty keeps the
 * stored secret (the page never sends it back); its "clear" box removes the override.
 */

function checked(form: FormData, name: string): boolean {
  return form.get(name) === "on" || form.get(name) === "true";
}

function secret(form: FormData, name: string): string | null | undefined {
  if (checked(form, `${name}.clear`)) return null;
  const value = formString(form, name)?.trim();
  return value ? value : undefined;
}

export type IntegrationSection = "getcourse" | "salebot" | "fields";

export function integrationInputFromForm(section: IntegrationSection, form: FormData): IntegrationSettingsInput {
  if (section === "getcourse") {
    const unknownEmail = formString(form, "unknownEmail");
    return {
      getcourse: {
        accountUrl: formString(form, "accountUrl"),
        apiKey: secret(form, "apiKey"),
        techToken: secret(form, "techToken"),
        unknownEmail: unknownEmail === "refuse" || unknownEmail === "create" ? unknownEmail : undefined,
      },
    };
  }
  if (section === "salebot") {
    return {
      salebot: {
        index: Number(formString(form, "index") ?? 0),
        apiUrl: formString(form, "apiUrl"),
        apiKey: secret(form, "apiKey"),
        projectId: formString(form, "projectId"),
        botUsername: formString(form, "botUsername"),
        salebotField: formString(form, "salebotField"),
      },
    };
  }
  return { fields: { telegram: formString(form, "telegram") } };
}

export function forwardingInputFromForm(form: FormData): ForwardingSettingsInput {
  const events = Object.fromEntries(
    ORDER_EVENT_KINDS.map((kind) => [
      kind,
      { enabled: checked(form, `events.${kind}.enabled`), message: formString(form, `events.${kind}.message`) ?? "" },
    ]),
  ) as ForwardingSettingsInput["events"];
  const method = formString(form, "method");
  return {
    method: method === "tg_callback" ? "tg_callback" : "callback",
    botUsername: formString(form, "botUsername") ?? null,
    maxAttempts: Number(formString(form, "maxAttempts") ?? ""),
    orderDetailsOnlyToProvenLinks: checked(form, "orderDetailsOnlyToProvenLinks"),
    events,
    activity: { enabled: checked(form, "activity.enabled"), field: formString(form, "activity.field") ?? "" },
  };
}
