import { db } from "@/lib/db";
import { log } from "@/lib/observability/log";
import { redactText } from "@/lib/outbound/redact";

/**
 * The last answer per outside call that the hub could not read (issue 12). GetCourse and Salebot
 * change without notice; keeping the answer (secrets redacted) lets an admin copy it from
 * Settings and report the new shape in one step, instead of someone reproducing it.
 */

export type UpstreamSample = {
  service: "getcourse" | "salebot";
  call: string;
  message: string;
  body: unknown;
  secrets: readonly string[];
};

export type StoredUpstreamSample = {
  call: string;
  service: string;
  message: string;
  body: string;
  count: number;
  lastSeen: Date;
};

const MAX_BODY_CHARS = 8_000;
/** Fields whose values are secret whatever they hold. */
const SECRET_KEYS = /^(key|token|api_key|apikey|secret|password|access_token|authorization)$/i;

/**
 * The answer's shape, not its values: keys and types are what a new quirk is reported with, and
 * values never reach the page (an admin-typed URL must not turn Settings into a reader of
 * whatever answers there). Strings become `<text, N chars>`, numbers `<number>`; cut to 8 KB.
 */
export function redactedBody(body: unknown, secrets: readonly string[]): string {
  const shape = (value: unknown, depth: number): unknown => {
    if (typeof value === "string") return `<text, ${value.length} chars>`;
    if (typeof value === "number") return "<number>";
    if (value === null || typeof value === "boolean") return value;
    if (depth > 8) return "<…>";
    if (Array.isArray(value))
      return value
        .slice(0, 5)
        .map((item) => shape(item, depth + 1))
        .concat(value.length > 5 ? [`<${value.length - 5} more>`] : []);
    if (typeof value === "object") {
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>)
          .slice(0, 50)
          .map(([key, item]) => [SECRET_KEYS.test(key) ? key : key.slice(0, 40), shape(item, depth + 1)]),
      );
    }
    return `<${typeof value}>`;
  };
  const text = redactText(JSON.stringify(shape(body, 0), null, 2) ?? "undefined", secrets);
  return text.length > MAX_BODY_CHARS
    ? `${text.slice(0, MAX_BODY_CHARS)}\n… (cut at ${MAX_BODY_CHARS} characters)`
    : text;
}

/** Keeps the sample; never throws (a failing database must not turn a bad answer into a worse error). */
export async function recordUpstreamSample(sample: UpstreamSample): Promise<void> {
  const call = `${sample.service}:${sample.call}`;
  const message = redactText(sample.message, sample.secrets).slice(0, 1_000);
  const body = redactedBody(sample.body, sample.secrets);
  try {
    await db.upstreamAnswerSample.upsert({
      where: { call },
      create: { call, service: sample.service, message, body },
      update: { message, body, count: { increment: 1 }, lastSeen: new Date() },
    });
  } catch (error) {
    log.warn("could not keep an unreadable upstream answer", { call, error });
  }
  log.warn("unreadable answer from an outside service", { call, message });
}

/** A client's `onMalformedAnswer` that keeps the sample; fire and forget (the caller is handling the error). */
export function keepMalformedAnswers(service: UpstreamSample["service"]) {
  return (sample: Omit<UpstreamSample, "service">): void => void recordUpstreamSample({ service, ...sample });
}

export async function listUpstreamSamples(): Promise<StoredUpstreamSample[]> {
  return db.upstreamAnswerSample.findMany({ orderBy: { lastSeen: "desc" }, take: 50 });
}

export async function clearUpstreamSamples(): Promise<void> {
  await db.upstreamAnswerSample.deleteMany({});
}
