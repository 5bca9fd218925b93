import { type AttributableCampaign, matchCampaign, utmToFill } from "@/lib/campaigns/attribution";
import { log } from "@/lib/observability/log";
import { redactUrl } from "@/lib/outbound/redact";
import type { SalebotClient } from "@/lib/salebot/client";
import type { SalebotVariables } from "@/lib/salebot/schemas";
import { classifyFailure, clientRetrySeconds, MAX_CLIENT_ATTEMPTS, outagePauseSeconds } from "./backoff";
import { type Clock, Pacer, realClock } from "./pacer";
import { attributableCampaigns, type PendingClient, pendingClients, recordFailure, storeFetched } from "./store";

/**
 * One run of the first-seen variables worker: up to `limit` pending clients of the project, each
 * fetched once with `get_variables`, call starts paced to `perSecond`. An outage stops the run at
 * once (the calls already started finish) and tells the chain how long to pause.
 */
export type BatchOptions = {
  sb: Pick<SalebotClient, "getVariables">;
  projectId: string;
  perSecond: number;
  limit: number;
  /** Runs in a row that ended with an outage before this one (for the pause). */
  outages?: number;
  clock?: Clock;
};

export type BatchResult = {
  picked: number;
  fetched: number;
  notFound: number;
  failed: number;
  gaveUp: number;
  /** Set when the run stopped on an outage: seconds to wait before the next. */
  pauseSeconds: number | null;
};

const describe = (error: unknown) => redactUrl(error instanceof Error ? error.message : String(error));

async function settle(
  projectId: string,
  client: PendingClient,
  variables: SalebotVariables | null,
  campaigns: readonly AttributableCampaign[],
) {
  const attribution = matchCampaign({ startParam: client.startParam, variables }, campaigns);
  await storeFetched(projectId, client.clientId, variables, utmToFill(variables, attribution), attribution);
}

export async function runVariablesBatch(options: BatchOptions): Promise<BatchResult> {
  const { sb, projectId } = options;
  const result: BatchResult = { picked: 0, fetched: 0, notFound: 0, failed: 0, gaveUp: 0, pauseSeconds: null };
  const clients = await pendingClients(projectId, options.limit);
  result.picked = clients.length;
  if (clients.length === 0) return result;
  const campaigns = await attributableCampaigns();
  const pacer = new Pacer(options.perSecond, options.clock ?? realClock);
  // At most perSecond calls in flight: a slow Salebot slows the run instead of piling calls up.
  const inFlight = new Set<Promise<void>>();
  const maxInFlight = Math.max(1, Math.ceil(options.perSecond));

  const handle = async (client: PendingClient): Promise<void> => {
    let variables: SalebotVariables;
    try {
      variables = await sb.getVariables(client.clientId);
    } catch (error) {
      const kind = classifyFailure(error);
      if (kind === "not_found") {
        result.notFound += 1;
        // The start parameter alone still attributes a client Salebot no longer knows.
        await settle(projectId, client, {}, campaigns);
        return;
      }
      result.failed += 1;
      const attempts = await recordFailure(projectId, client.clientId, describe(error), clientRetrySeconds);
      if (kind === "outage") {
        result.pauseSeconds ??= outagePauseSeconds((options.outages ?? 0) + 1, error);
        return;
      }
      if (attempts >= MAX_CLIENT_ATTEMPTS) {
        result.gaveUp += 1;
        log.warn("salebot variables: giving up on a client", {
          projectId,
          clientId: client.clientId,
          attempts,
          error: describe(error),
        });
        await settle(projectId, client, null, campaigns);
      }
      return;
    }
    result.fetched += 1;
    await settle(projectId, client, variables, campaigns);
  };

  // Found by the fault tests: a call that failed (Postgres going away under storeFetched) while
  // the loop waited on the pacer was an unhandled rejection, which ended the whole server
  // process. Failures are now caught where they happen and the first is rethrown at the end.
  let failure: { error: unknown } | undefined;
  for (const client of clients) {
    if (result.pauseSeconds !== null || failure) break;
    while (inFlight.size >= maxInFlight) await Promise.race(inFlight);
    await pacer.wait();
    if (result.pauseSeconds !== null || failure) break;
    const running: Promise<void> = handle(client)
      .catch((error: unknown) => {
        failure ??= { error };
      })
      .finally(() => inFlight.delete(running));
    inFlight.add(running);
  }
  await Promise.all(inFlight);
  if (failure) throw failure.error;
  return result;
}
