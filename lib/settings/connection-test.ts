import { createGetCourseClient, findUserFieldId, sampleManager } from "@/lib/getcourse";
import { log } from "@/lib/observability/log";
import { isOutboundError, type OutboundErrorKind } from "@/lib/outbound/errors";
import { redactText } from "@/lib/outbound/redact";
import { createSalebotClient } from "@/lib/salebot/client";
import { salebotCallCounter } from "@/lib/salebot-quota/call-counter";
import type { IntegrationConfig } from "./integration-config";
import { keepMalformedAnswers } from "./upstream-samples";

/**
 * "Test connection": proves the path the link flow takes, with a verdict an admin can act on.
 * GetCourse (issue 12): with a Tech API token, one real user (a personal manager) is read with the
 * exact `get-custom-fields` call the link path makes, and its answer must list both custom fields;
 * with the school key alone, the key opens the field dictionary, which must list them. Salebot:
 * `get_clients` with limit 1.
 */

export type Verdict =
  | "ok"
  | "not_configured"
  | "wrong_key"
  | "unreachable"
  | "timeout"
  | "no_api"
  | "rate_limited"
  | "not_found"
  | "missing_fields"
  | "error";

export type CheckResult = { check: string; verdict: Verdict; detail: string };
export type ConnectionReport = { service: "getcourse" | "salebot"; verdict: Verdict; checks: CheckResult[] };

const TEST_CALLS = { timeoutMs: 5_000, retry: { attempts: 1 } };
const PROBE_EMAIL = "hub-connection-test@example.invalid";

const VERDICT_OF: Record<OutboundErrorKind, Verdict> = {
  auth_failed: "wrong_key",
  unavailable: "unreachable",
  timeout: "timeout",
  plan_has_no_api: "no_api",
  rate_limited: "rate_limited",
  not_found: "not_found",
  malformed_answer: "error",
  rejected: "error",
};

/**
 * The detail shown beside a verdict holds only what the hub wrote itself (an HTTP status, a
 * refusal), never the service's answer: otherwise an admin-typed URL would read out whatever
 * answers there. The full message goes to the log.
 */
export function verdictOf(error: unknown, secrets: readonly string[]): { verdict: Verdict; detail: string } {
  if (isOutboundError(error)) {
    const detail = error.safeDetail ?? (error.status === undefined ? "" : `HTTP ${error.status}`);
    return { verdict: VERDICT_OF[error.kind], detail: redactText(detail, secrets) };
  }
  return { verdict: "error", detail: "" };
}

async function attempt(
  check: string,
  secrets: readonly string[],
  run: () => Promise<CheckResult | void>,
): Promise<CheckResult> {
  try {
    return (await run()) ?? { check, verdict: "ok", detail: "" };
  } catch (error) {
    log.warn("connection test failed", {
      check,
      error: redactText(error instanceof Error ? error.message : String(error), secrets),
    });
    return { check, ...verdictOf(error, secrets) };
  }
}

/** The report's verdict: the first check that is not ok. */
function overall(checks: CheckResult[]): Verdict {
  return checks.find((check) => check.verdict !== "ok")?.verdict ?? "ok";
}

/** The custom fields every link writes: the Telegram field and each project's Salebot field. */
export function requiredFieldNames(config: IntegrationConfig): string[] {
  return [config.fields.telegram, ...config.salebot.map((project) => project.salebotField)];
}

export async function testGetCourse(config: IntegrationConfig): Promise<ConnectionReport> {
  const { accountUrl, apiKey, techToken } = config.getcourse;
  if (!accountUrl || (!apiKey && !techToken)) {
    const missing = [!accountUrl && "account URL", !apiKey && !techToken && "secret key (or Tech API token)"].filter(
      Boolean,
    );
    return {
      service: "getcourse",
      verdict: "not_configured",
      checks: [{ check: "config", verdict: "not_configured", detail: missing.join(", ") }],
    };
  }
  const gc = createGetCourseClient({
    accountUrl,
    apiKey,
    techToken,
    ...TEST_CALLS,
    onMalformedAnswer: keepMalformedAnswers("getcourse"),
  });
  const secrets = [apiKey ?? "", techToken ?? ""];
  const wanted = requiredFieldNames(config);
  const checks: CheckResult[] = [];
  if (gc.keyMode === "tech_api") {
    checks.push(
      await attempt("sample_user", secrets, async () => {
        const managers = await gc.getPersonalManagers();
        const sample = sampleManager(managers);
        if (!sample) {
          // No personal manager to read: an e-mail that cannot exist proves the token ("not found").
          await gc.getUserCustomFields({ email: PROBE_EMAIL }).catch((error: unknown) => {
            if (!isOutboundError(error, "not_found")) throw error;
          });
          return { check: "sample_user", verdict: "ok", detail: "no personal manager to read; the token works" };
        }
        const lookup = await gc.lookupUserFields({ email: sample.email }, wanted);
        const absent = lookup.missing.map((field) => field.name);
        if (absent.length > 0) return { check: "fields", verdict: "missing_fields", detail: absent.join(", ") };
        return { check: "sample_user", verdict: "ok", detail: `user ${sample.id}: ${wanted.join(", ")}` };
      }),
    );
  }
  // The school key writes the keys in its own mode, and creates unknown e-mails in either.
  const schoolKeyUsed = gc.keyMode === "school_key" || Boolean(apiKey) || config.getcourse.unknownEmail === "create";
  if (schoolKeyUsed) {
    checks.push(
      await attempt("legacy_api", secrets, async () => {
        const dictionary = await gc.getFieldDictionary({ fresh: true });
        const absent = wanted.filter((name) => findUserFieldId(dictionary, name) === undefined);
        if (absent.length > 0 && gc.keyMode === "school_key")
          return { check: "fields", verdict: "missing_fields", detail: absent.join(", ") };
      }),
    );
  }
  return { service: "getcourse", verdict: overall(checks), checks };
}

export async function testSalebot(config: IntegrationConfig, index = 0): Promise<ConnectionReport> {
  const project = config.salebot[index];
  if (!project?.apiKey || !project.projectId) {
    const missing = [!project?.apiKey && "API key", !project?.projectId && "project id"].filter(Boolean);
    return {
      service: "salebot",
      verdict: "not_configured",
      checks: [{ check: "config", verdict: "not_configured", detail: missing.join(", ") }],
    };
  }
  const countCall = salebotCallCounter(project.projectId);
  const sb = createSalebotClient({
    apiUrl: project.apiUrl,
    apiKey: project.apiKey,
    projectId: project.projectId,
    countCall,
    ...TEST_CALLS,
  });
  const check = await attempt("get_clients", [project.apiKey], async () => {
    await sb.getClients({ limit: 1 });
  });
  return { service: "salebot", verdict: check.verdict, checks: [check] };
}
