import type { OutboundResponse } from "@/lib/outbound/fetch-json";
import { GetCourseError } from "./gc-error";

/**
 * HTTP-level checks shared by Legacy import and export. GetCourse answers its own errors with
 * HTTP 200 and a JSON body; other statuses come from in front of it (official PHP SDK: 400
 * format error, 401 bad token) or from a wrong account address (404 "Wrong subdomain").
 */
export function checkLegacyHttpStatus(response: OutboundResponse, what: string): void {
  const { status } = response;
  if (status === 401 || status === 403) {
    throw new GetCourseError("auth_failed", `${what}: HTTP ${status}, the key was refused`, { status });
  }
  if (status === 404) {
    throw new GetCourseError(
      "rejected",
      `${what}: HTTP 404, no GetCourse account at this address (check the account URL)`,
      {
        status,
      },
    );
  }
  if (status >= 400 && response.json === undefined) {
    throw new GetCourseError("rejected", `${what}: HTTP ${status}`, { status });
  }
}

/** Legacy calls carry the key in a form body, never in the URL, so it stays out of access logs. */
export function legacyForm(key: string, fields: Record<string, string>): URLSearchParams {
  return new URLSearchParams({ ...fields, key });
}

export const FORM_CONTENT_TYPE = { "content-type": "application/x-www-form-urlencoded" } as const;

/** `params` is base64 of the JSON (official SDK); URLSearchParams percent-encodes `+ / =`. */
export function encodeLegacyParams(params: unknown): string {
  return Buffer.from(JSON.stringify(params), "utf8").toString("base64");
}
