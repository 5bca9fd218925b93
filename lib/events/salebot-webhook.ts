import { HttpError } from "@/lib/http";
import { metrics } from "@/lib/observability/metrics";
import { ingestSalebotWebhook } from "./salebot-ingest";
import { WebhookBodyError } from "./salebot-message";

/** Ingest with bad input turned into the hub's 400; shared by the Next route and the lean server path. */
export async function acceptSalebotWebhook(rawBody: string): Promise<{ success: true }> {
  try {
    await ingestSalebotWebhook(rawBody);
  } catch (error) {
    if (error instanceof WebhookBodyError) {
      throw new HttpError(400, "bad_request", `Invalid webhook: ${error.message}`, [
        { field: error.field, message: error.message },
      ]);
    }
    throw error;
  }
  // "accepted": durable in Postgres or the spool; a redelivered id is told apart only in the batch.
  metrics().webhooksIngested.inc({ source: "salebot", outcome: "accepted" });
  return { success: true };
}
