import { getIntegrations, type Integrations } from "@/lib/integrations";
import { isOutboundError, type OutboundErrorKind } from "@/lib/outbound/errors";
import { redactUrl } from "@/lib/outbound/redact";
import type { SalebotClient } from "@/lib/salebot/client";
import type { DeliveryPayload } from "@/lib/forwarding/order-notification";

export type SendOutcome = { ok: true } | { ok: false; error: string; permanent: boolean };

/**
 * Trying again cannot help when Salebot says the client does not exist or the request is wrong;
 * such a delivery is dead at once, and an admin's retry-now is the way back. Outages, rate
 * limits, a rejected key (an admin may fix it) and answers we could not read are retried.
 */
const PERMANENT: ReadonlySet<OutboundErrorKind> = new Set(["not_found", "rejected"]);

const MAX_ERROR_LENGTH = 500;

/** Error text for `deliveries.last_error`: the clients already mask their keys; URLs are masked again. */
export function describeSendError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const redacted = redactUrl(text);
  return redacted.length > MAX_ERROR_LENGTH ? `${redacted.slice(0, MAX_ERROR_LENGTH)}…` : redacted;
}

/**
 * The client for a project. Not configured (yet) is not permanent: the delivery waits through its
 * attempts, and an admin who adds the credentials can retry it.
 */
function salebotFor(projectId: string): { sb: SalebotClient } | { error: string; permanent: boolean } {
  let integrations: Integrations;
  try {
    integrations = getIntegrations();
  } catch (error) {
    return { error: describeSendError(error), permanent: false };
  }
  if (integrations.projectId !== projectId) {
    return { error: `No Salebot API is configured for project ${projectId}.`, permanent: false };
  }
  return { sb: integrations.sbNoRetry ?? integrations.sb };
}

/**
 * One try, never retried inside the call. Salebot's callbacks are not idempotent and carry no
 * request key, so a retry after a timeout can run the bot twice; only the queue tries again.
 */
export async function sendToSalebot(
  projectId: string,
  sbClientId: string,
  payload: DeliveryPayload,
): Promise<SendOutcome> {
  const found = salebotFor(projectId);
  if (!("sb" in found)) return { ok: false, ...found };
  const { sb } = found;
  try {
    if (payload.method === "tg_callback") {
      await sb.tgCallback({
        telegramId: payload.telegramId,
        botUsername: payload.botUsername ?? undefined,
        message: payload.message,
        variables: payload.variables,
      });
    } else {
      await sb.callback({ clientId: sbClientId, message: payload.message, variables: payload.variables });
    }
    return { ok: true };
  } catch (error) {
    const permanent = isOutboundError(error) && PERMANENT.has(error.kind);
    return { ok: false, error: describeSendError(error), permanent };
  }
}
