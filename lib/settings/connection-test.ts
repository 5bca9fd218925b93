import { createGetCourseClient, findUserFieldId } from "@/lib/getcourse";
import { isOutboundError, type OutboundErrorKind } from "@/lib/outbound/errors";
import { redactText } from "@/lib/outbound/redact";
import { createSalebotClient } from "@/lib/salebot/client";
import { salebotCallCounter } from "@/lib/salebot-quota/call-counter";
import type { IntegrationConfig } from "./integration-config";

/**
 * "Test connection": one cheap authenticated call per credential, with a verdict an admin can act
 * on. GetCourse has two credentials, so both are tried: the Tech API token (a custom-field read
 * for an e-mail that cannot exist: "not found" proves the token works) and the legacy key (the
 * field dictionary: one request of the 2-hour export budget, and it shows whether the configured
 * fields exist). Salebot: `get_clients` with limit 1.
 */

export type Verdict = "ok" | "not_configured" | "wrong_key" | "unreachable" | "timeout" | "no_api" | "rate_limited" | "not_found" | "missing_fields" | "error";

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

export function verdictOf(error: unknown, secrets: readonly string[]): { verdict: Verdict; detail: string } {
  if (isOutboundError(error)) return { verdict: VERDICT_OF[error.kind], detail: redactText(error.message, secrets) };
  const message = error instanceof Error ? error.message : String(error);
  return { verdict: "error", detail: redactText(message, secrets) };
}

async function attempt(check: string, secrets: readonly string[], run: () => Promise<CheckResult | void>): Promise<CheckResult> {
  try {
    return (await run()) ?? { check, verdict: "ok", detail: "" };
  } catch (error) {
    return { check, ...verdictOf(error, secrets) };
  }
}

/** The report's verdict: the first check that is not ok. */
function overall(checks: CheckResult[]): Verdict {
  return checks.find((check) => check.verdict !== "ok")?.verdict ?? "ok";
}

export async function testGetCourse(config: IntegrationConfig): Promise<ConnectionReport> {
  const { accountUrl, apiKey, techToken } = config.getcourse;
  const missing = [!accountUrl && "account URL", !apiKey && "API key", !techToken && "Tech API token"].filter(Boolean);
  if (!accountUrl || !apiKey || !techToken) {
    return { service: "getcourse", verdict: "not_configured", checks: [{ check: "config", verdict: "not_configured", detail: missing.join(", ") }] };
  }
  const gc = createGetCourseClient({ accountUrl, apiKey, techToken, ...TEST_CALLS });
  const secrets = [apiKey, techToken];
  const tech = await attempt("tech_api", secrets, async () => {
    try {
      await gc.getUserCustomFields({ email: PROBE_EMAIL });
    } catch (error) {
      if (isOutboundError(error, "not_found")) return;
      throw error;
    }
  });
  const wanted = [config.fields.telegram, ...config.salebot.map((project) => project.salebotField)];
  const legacy = await attempt("legacy_api", secrets, async () => {
    const dictionary = await gc.getFieldDictionary({ fresh: true });
    const absent = wanted.filter((name) => findUserFieldId(dictionary, name) === undefined);
    if (absent.length > 0) return { check: "legacy_api", verdict: "missing_fields", detail: absent.join(", ") };
  });
  const checks = [tech, legacy];
  return { service: "getcourse", verdict: overall(checks), checks };
}

export async function testSalebot(config: IntegrationConfig, index = 0): Promise<ConnectionReport> {
  const project = config.salebot[index];
  if (!project?.apiKey || !project.projectId) {
    const missing = [!project?.apiKey && "API key", !project?.projectId && "project id"].filter(Boolean);
    return { service: "salebot", verdict: "not_configured", checks: [{ check: "config", verdict: "not_configured", detail: missing.join(", ") }] };
  }
  const countCall = salebotCallCounter(project.projectId);
  const sb = createSalebotClient({ apiUrl: project.apiUrl, apiKey: project.apiKey, projectId: project.projectId, countCall, ...TEST_CALLS });
  const check = await attempt("get_clients", [project.apiKey], async () => {
    await sb.getClients({ limit: 1 });
  });
  return { service: "salebot", verdict: check.verdict, checks: [check] };
}
