import { db } from "@/lib/db";
import type { GetCourseClient, UserIdentity } from "@/lib/getcourse";
import { getIntegrations } from "@/lib/integrations";
import { log } from "@/lib/observability/log";
import { isOutboundError } from "@/lib/outbound/errors";
import { getForwardingSettings } from "@/lib/forwarding/settings";

/*
 * Chat activity written back to GetCourse: when a linked client has written to the bot since the
 * last write, the client's GC user gets the time of the last message in a custom field, at most
 * once per client per hour (GetCourse's API is slow and rate-limited; hourly is what a manager
 * needs to see "recently active").
 */

export const ACTIVITY_SYNC_INTERVAL_MS = 60 * 60 * 1000;
const DEFAULT_BATCH_SIZE = 50;

export type ActivitySyncResult = {
  written: number;
  /** Handled without a write: the GC user is gone or GetCourse refused this one user. */
  skipped: number;
  /** Left for the next run because GetCourse was unavailable. */
  deferred: number;
  stoppedBy?: "disabled" | "not_configured" | "field_missing" | "gc_unavailable";
};

type DueClient = { id: bigint; previous: Date | null; lastMessageAt: Date; email: string; gcUserId: string | null };

/** Problems already reported (missing field names, missing configuration): one log line, not one a minute. */
const reported = new Set<string>();

function warnOnce(key: string, message: string, fields: Record<string, unknown>): void {
  if (reported.has(key)) return;
  reported.add(key);
  log.warn(message, fields);
}

/** ISO 8601 in UTC to the second: unambiguous, sortable, and what GetCourse shows verbatim. */
export function activityValue(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function identityOf(client: DueClient): UserIdentity {
  return client.gcUserId && /^\d+$/.test(client.gcUserId)
    ? { userId: Number(client.gcUserId) }
    : { email: client.email };
}

/**
 * Claims up to `batchSize` due clients by stamping `gc_activity_synced_at = now` in one statement
 * (SKIP LOCKED, so overlapping runs split the work instead of doubling it). Due: linked, a message
 * newer than the last write, and no write within the hour.
 */
async function claimDue(now: Date, batchSize: number): Promise<DueClient[]> {
  const at = now.toISOString();
  return db.$queryRaw<DueClient[]>`
    WITH due AS (
      SELECT sc.id, sc.gc_activity_synced_at AS previous, sc.last_message_at, l.email, l.gc_user_id
      FROM salebot_clients sc
      JOIN links l ON l.project_id = sc.project_id AND l.sb_client_id = sc.client_id
      WHERE sc.last_message_at > coalesce(sc.gc_activity_synced_at, 'epoch'::timestamp)
        AND (sc.gc_activity_synced_at IS NULL
             OR sc.gc_activity_synced_at <= ${at}::timestamp - make_interval(secs => ${ACTIVITY_SYNC_INTERVAL_MS / 1000}::double precision))
      ORDER BY sc.last_message_at
      LIMIT ${batchSize}::int
      FOR UPDATE OF sc SKIP LOCKED
    )
    UPDATE salebot_clients sc SET gc_activity_synced_at = ${at}::timestamp
    FROM due WHERE sc.id = due.id
    RETURNING sc.id, due.previous, due.last_message_at AS "lastMessageAt", due.email, due.gc_user_id AS "gcUserId"`;
}

/** Puts a claim back, so the client is due again on the next run. */
async function release(clients: readonly DueClient[], now: Date): Promise<void> {
  for (const client of clients) {
    await db.salebotClient.updateMany({
      where: { id: client.id, gcActivitySyncedAt: now },
      data: { gcActivitySyncedAt: client.previous },
    });
  }
}

/** Outages and a rejected token are account-wide: stop the run instead of failing every client. */
function stopsTheRun(error: unknown): boolean {
  return (
    isOutboundError(error) && (error.retryable || error.kind === "auth_failed" || error.kind === "plan_has_no_api")
  );
}

/** One run of the write-back; the queue runs it every minute. `now` is injectable for tests. */
export async function syncChatActivity(options: { now?: Date; batchSize?: number } = {}): Promise<ActivitySyncResult> {
  const now = options.now ?? new Date();
  const result: ActivitySyncResult = { written: 0, skipped: 0, deferred: 0 };
  const { activity } = await getForwardingSettings();
  if (!activity.enabled) return { ...result, stoppedBy: "disabled" };

  let gc: GetCourseClient;
  try {
    gc = getIntegrations().gc;
  } catch (error) {
    warnOnce("config", "activity write-back skipped: GetCourse is not configured", { error });
    return { ...result, stoppedBy: "not_configured" };
  }
  reported.delete("config");

  let fieldId: number | undefined;
  try {
    // Read once and cached by the client (from a Tech API answer, else the Legacy dictionary).
    fieldId = (await gc.definedUserFields([activity.field])).ids[activity.field];
  } catch (error) {
    log.warn("activity write-back: GetCourse field dictionary unavailable", { error });
    return { ...result, stoppedBy: "gc_unavailable" };
  }
  if (fieldId === undefined) {
    warnOnce(
      `field:${activity.field}`,
      "activity write-back skipped: GetCourse has no user field with this name; create it to enable",
      {
        field: activity.field,
      },
    );
    return { ...result, stoppedBy: "field_missing" };
  }
  reported.delete(`field:${activity.field}`);

  const due = await claimDue(now, options.batchSize ?? DEFAULT_BATCH_SIZE);
  for (const [index, client] of due.entries()) {
    try {
      if (gc.keyMode === "tech_api")
        await gc.updateUserCustomFields(identityOf(client), { [fieldId]: activityValue(client.lastMessageAt) });
      else await gc.writeUserField({ email: client.email }, activity.field, activityValue(client.lastMessageAt));
      result.written += 1;
    } catch (error) {
      if (stopsTheRun(error)) {
        const rest = due.slice(index);
        await release(rest, now);
        log.warn("activity write-back paused: GetCourse unavailable", { deferred: rest.length, error });
        return { ...result, deferred: rest.length, stoppedBy: "gc_unavailable" };
      }
      // This user is gone or refused: keep the stamp, so the client waits for its next message.
      result.skipped += 1;
      log.info("activity write-back skipped a client", { salebotClientRowId: String(client.id), error });
    }
  }
  return result;
}
