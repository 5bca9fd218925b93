import { envSchema } from "@/lib/env";

/** Credentials whose absence means demo mode (DESIGN.md: the simulators stand in for both services). */
const CREDENTIALS = [
  "GETCOURSE_ACCOUNT_URL",
  "GETCOURSE_API_KEY",
  "GETCOURSE_TECH_TOKEN",
  "SALEBOT_API_KEY",
  "SALEBOT_PROJECT_ID",
] as const;

/**
 * Demo mode: no GetCourse or Salebot credential is set and HUB_DEMO is not `off`. With only some
 * set, the hub is half-configured, which is an error for the operator to see, not a demo.
 */
export function isDemoMode(environment: Record<string, string | undefined>): boolean {
  if (envSchema.shape.HUB_DEMO.parse(environment.HUB_DEMO) === "off") return false;
  return CREDENTIALS.every((name) => !environment[name]?.trim());
}
