import type { OutboundResponse } from "@/lib/outbound/fetch-json";
import { GetCourseError } from "./gc-error";
import { techEnvelopeSchema, userCustomFieldListSchema, type UserCustomField } from "./schemas";
import { parseAnswer, requireJson, send, type TransportConfig } from "./transport";
import { techPaths } from "./urls";

/** Tech API calls identify a user by e-mail or by GetCourse user id. */
export type UserIdentity = { email: string } | { userId: number };

/** New values keyed by numeric custom-field id (the Tech API writes by id only, doc §3.3). */
export type CustomFieldValues = Record<number, string | number>;

export type TechApiConfig = TransportConfig & { techToken: string };

function describeIdentity(identity: UserIdentity): string {
  return "email" in identity ? "user with that e-mail" : `user ${identity.userId}`;
}

/** Reads the Tech API envelope; HTTP 200 with `status: false` happens too (NIK), so both count. */
function unwrapTechAnswer(response: OutboundResponse, what: string): unknown {
  if (response.status === 401 || response.status === 403) {
    throw new GetCourseError("auth_failed", `Tech API refused the token on ${what} (HTTP ${response.status})`, {
      status: response.status,
    });
  }
  if (response.json === undefined && response.status === 404) {
    throw new GetCourseError("rejected", `no Tech API at this account URL (HTTP 404 on ${what}); check the account address`, {
      status: 404,
    });
  }
  const envelope = parseAnswer(techEnvelopeSchema, requireJson(response, what), what, response.status);
  const failed = !envelope.status || response.status >= 400;
  if (!failed) return envelope.data;

  const code = envelope.code ?? response.status;
  const details = [envelope.message, ...(envelope.errors ?? []).map((entry) => String(entry))].filter(Boolean).join("; ");
  const options = { status: response.status, gcErrorCode: code };
  if (code === 401 || code === 403) throw new GetCourseError("auth_failed", `Tech API: ${details || "access denied"} on ${what}`, options);
  if (code === 404) throw new GetCourseError("not_found", `Tech API: ${details || "not found"} on ${what}`, options);
  throw new GetCourseError("rejected", `Tech API rejected ${what}: ${details || `code ${code}`}`, options);
}

export function createTechApi(config: TechApiConfig) {
  const authorization = { authorization: `Bearer ${config.techToken}` };

  /** `GET /pl/api/v1/user/get-custom-fields`: the user's fields as `{name, value, type, units}`. */
  async function getUserCustomFields(identity: UserIdentity): Promise<UserCustomField[]> {
    const query = new URLSearchParams("email" in identity ? { email: identity.email } : { userId: String(identity.userId) });
    const what = `get-custom-fields for ${describeIdentity(identity)}`;
    const response = await send(config, {
      path: techPaths.getUserCustomFields,
      method: "GET",
      query,
      headers: authorization,
      idempotent: true,
    });
    return parseAnswer(userCustomFieldListSchema, unwrapTechAnswer(response, what) ?? [], what);
  }

  /** `POST /pl/api/v1/user/update-custom-fields`: sets values by field id; answers the new field list. */
  async function updateUserCustomFields(identity: UserIdentity, values: CustomFieldValues): Promise<UserCustomField[]> {
    const customFields = Object.fromEntries(Object.entries(values).map(([fieldId, value]) => [fieldId, value]));
    const body = JSON.stringify({ ...identity, customFields });
    const what = `update-custom-fields for ${describeIdentity(identity)}`;
    const response = await send(config, {
      path: techPaths.updateUserCustomFields,
      method: "POST",
      headers: { ...authorization, "content-type": "application/json" },
      body,
      // Setting the same values twice leaves the same state.
      idempotent: true,
    });
    return parseAnswer(userCustomFieldListSchema, unwrapTechAnswer(response, what) ?? [], what);
  }

  return { getUserCustomFields, updateUserCustomFields };
}
