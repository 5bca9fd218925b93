import { db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { enqueue, getBoss, QUEUES } from "@/lib/jobs/boss";
import { retryDelaySeconds } from "@/lib/jobs/retry-schedule";
import { log } from "@/lib/observability/log";
import { metrics } from "@/lib/observability/metrics";
import { sendToSalebot, type SendOutcome } from "./send";
import { deliveryPayloadSchema } from "@/lib/forwarding/order-notification";

/*
 * The delivery queue. A `deliveries` row is the durable record; pg-boss jobs only say "look at
 * row N now". A job that finds its row not due, already sent, or in flight elsewhere does nothing,
 * so duplicate jobs (the sweep, retry-now, pg-boss's own retries) are harmless.
 *
 * "Delivered once": the row is claimed with `FOR UPDATE SKIP LOCKED` inside a transaction that
 * spans the one Salebot call and the status update, so two workers never send the same row and a
 * row marked `sent` is never sent again. What remains is the ambiguity no client can remove:
 * Salebot's callback has no idempotency key, so when the call times out (or the hub dies) after
 * Salebot acted but before we heard back, the retry sends a second callback. We accept that
 * at-least-once window, and keep it small: one HTTP try per job run, a 10 s timeout, and no retry
 * inside the call.
 */

export type DeliveryJob = { deliveryId: string };
export type DeliveryRunResult = "sent" | "retrying" | "dead" | "skipped";

/** Timestamps are stored as UTC wall time (`timestamp(3)`), so compare them with UTC `now()`. */
const DB_NOW = Prisma.sql`(now() AT TIME ZONE 'UTC')`;

/** Longer than any single Salebot call, so the transaction never expires mid-send. */
const TRANSACTION_TIMEOUT_MS = 60_000;

export async function enqueueDelivery(id: bigint, delaySeconds = 0): Promise<void> {
  const job: DeliveryJob = { deliveryId: String(id) };
  await enqueue(QUEUES.delivery, job, delaySeconds);
}

/** Queues many rows at once; a failure is logged, not thrown: the sweep finds pending rows anyway. */
export async function enqueueDeliveries(ids: readonly bigint[]): Promise<void> {
  if (ids.length === 0) return;
  try {
    const boss = await getBoss();
    for (let start = 0; start < ids.length; start += 500) {
      const chunk = ids.slice(start, start + 500);
      await boss.insert(
        chunk.map((id) => ({ name: QUEUES.delivery, data: { deliveryId: String(id) } satisfies DeliveryJob })),
      );
    }
  } catch (error) {
    log.warn("could not queue deliveries; the sweep will pick them up", { count: ids.length, error });
  }
}

type Settled = { result: DeliveryRunResult; retryInSeconds?: number };

/** One try of one delivery; see the note at the top of this file. */
export async function runDelivery(deliveryId: bigint): Promise<DeliveryRunResult> {
  const settled = await db.$transaction(
    async (tx): Promise<Settled> => {
      const claimed = await tx.$queryRaw<{ id: bigint }[]>`
        SELECT id FROM deliveries
        WHERE id = ${deliveryId} AND status = 'pending' AND next_attempt_at <= ${DB_NOW}
        FOR UPDATE SKIP LOCKED`;
      if (claimed.length === 0) return { result: "skipped" };

      const delivery = await tx.delivery.update({ where: { id: deliveryId }, data: { attempts: { increment: 1 } } });
      const payload = deliveryPayloadSchema.safeParse(delivery.payload);
      const outcome: SendOutcome = payload.success
        ? await sendToSalebot(delivery.projectId, delivery.sbClientId, payload.data)
        : { ok: false, error: "The stored notification is not readable.", permanent: true };

      if (outcome.ok) {
        await tx.delivery.update({ where: { id: deliveryId }, data: { status: "sent", sentAt: new Date() } });
        return { result: "sent" };
      }
      if (outcome.permanent || delivery.attempts >= delivery.maxAttempts) {
        await tx.delivery.update({ where: { id: deliveryId }, data: { status: "dead", lastError: outcome.error } });
        return { result: "dead" };
      }
      const retryInSeconds = retryDelaySeconds(delivery.attempts - 1);
      await tx.$executeRaw`
        UPDATE deliveries
        SET last_error = ${outcome.error},
            next_attempt_at = ${DB_NOW} + make_interval(secs => ${retryInSeconds}::double precision)
        WHERE id = ${deliveryId}`;
      return { result: "retrying", retryInSeconds };
    },
    { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 10_000 },
  );

  if (settled.result === "retrying") {
    try {
      await enqueueDelivery(deliveryId, settled.retryInSeconds);
    } catch (error) {
      log.warn("could not queue a delivery retry; the sweep will pick it up", {
        deliveryId: String(deliveryId),
        error,
      });
    }
  }
  if (settled.result === "dead") log.warn("delivery to Salebot is dead", { deliveryId: String(deliveryId) });
  metrics().deliveryOutcomes.inc({ result: settled.result });
  return settled.result;
}

/**
 * The dashboard's "retry now": a dead delivery gets a fresh round of attempts, a waiting one skips
 * its backoff. A delivery in flight is waited for (its row is locked); if that send succeeded the
 * row is `sent` and nothing happens. Returns whether the delivery was queued.
 */
export async function retryDeliveryNow(deliveryId: bigint | string): Promise<boolean> {
  const id = BigInt(deliveryId);
  const reset = await db.$queryRaw<{ id: bigint }[]>`
    UPDATE deliveries
    SET status = 'pending',
        attempts = CASE WHEN status = 'dead' THEN 0 ELSE attempts END,
        next_attempt_at = ${DB_NOW}
    WHERE id = ${id} AND status IN ('pending', 'dead')
    RETURNING id`;
  if (reset.length === 0) return false;
  await enqueueDelivery(id);
  return true;
}

/** Gives every dead delivery a fresh round of attempts. Returns how many were queued. */
export async function retryAllDead(): Promise<number> {
  const reset = await db.$queryRaw<{ id: bigint }[]>`
    UPDATE deliveries
    SET status = 'pending', attempts = 0, next_attempt_at = ${DB_NOW}
    WHERE status = 'dead'
    RETURNING id`;
  await enqueueDeliveries(reset.map((row) => row.id));
  return reset.length;
}

/**
 * The safety net for a lost job (the hub died between inserting a row and queueing it, or the
 * queue was wiped): queues pending rows overdue by more than `graceSeconds`. The grace keeps the
 * sweep from doubling jobs that are merely waiting for a worker.
 */
export async function sweepDueDeliveries(options: { graceSeconds?: number; limit?: number } = {}): Promise<number> {
  const graceSeconds = options.graceSeconds ?? 60;
  const limit = options.limit ?? 500;
  const due = await db.$queryRaw<{ id: bigint }[]>`
    SELECT id FROM deliveries
    WHERE status = 'pending'
      AND next_attempt_at <= ${DB_NOW} - make_interval(secs => ${graceSeconds}::double precision)
    ORDER BY next_attempt_at
    LIMIT ${limit}::int`;
  await enqueueDeliveries(due.map((row) => row.id));
  if (due.length > 0) log.info("swept overdue deliveries", { count: due.length });
  return due.length;
}
