import type { OutboundResponse } from "@/lib/outbound/fetch-json";
import { GetCourseError } from "./gc-error";
import {
  personalManagersAnswerSchema,
  techEnvelopeSchema,
  techUserAnswerSchema,
  updateCustomFieldsAnswerSchema,
  userCustomFieldsAnswerSchema,
  type TechUser,
  type UserCustomField,
} from "./schemas";
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

/** GetCourse words a missing user in Russian or English, sometimes under a code other than 404. */
const NOT_FOUND_TEXT = /не найден|not found|не существует|does not exist/i;

/** Reads the Tech API envelope; HTTP 200 with `status: false` happens too (NIK), so both count. */
function unwrapTechAnswer(response: OutboundResponse, what: string, call: string): unknown {
  if (response.status === 401 || response.status === 403) {
    throw new GetCourseError("auth_failed", `Tech API refused the token on ${what} (HTTP ${response.status})`, {
      status: response.status,
    });
  }
  if (response.json === undefined && response.status === 404) {
    throw new GetCourseError(
      "rejected",
      `no Tech API at this account URL (HTTP 404 on ${what}); check the account address`,
      {
        status: 404,
      },
    );
  }
  const envelope = parseAnswer(techEnvelopeSchema, requireJson(response, what), what, response.status, call);
  const failed = !envelope.ok || response.status >= 400;
  if (!failed) return envelope.data;

  const code = envelope.code ?? response.status;
  const details = [envelope.message, ...(envelope.errors ?? []).map((entry) => String(entry))]
    .filter(Boolean)
    .join("; ");
  const options = { status: response.status, gcErrorCode: code };
  if (code === 401 || code === 403)
    throw new GetCourseError("auth_failed", `Tech API: ${details || "access denied"} on ${what}`, options);
  if (code === 404 || (code !== 400 && NOT_FOUND_TEXT.test(envelope.message)))
    throw new GetCourseError("not_found", `Tech API: ${details || "not found"} on ${what}`, options);
  throw new GetCourseError("rejected", `Tech API rejected ${what}: ${details || `code ${code}`}`, options);
}

export function createTechApi(config: TechApiConfig) {
  const authorization = { authorization: `Bearer ${config.techToken}` };
  const identityQuery = (identity: UserIdentity) =>
    new URLSearchParams("email" in identity ? { email: identity.email } : { userId: String(identity.userId) });

  async function read(path: string, query: URLSearchParams | undefined, what: string, call: string): Promise<unknown> {
    const response = await send(config, { path, method: "GET", query, headers: authorization, idempotent: true });
    return unwrapTechAnswer(response, what, call);
  }

  /**
   * `GET /pl/api/v1/user/get-custom-fields`: the user's fields, with their ids when the answer has
   * them (the live object keyed by id lists every field the account defines; see schemas.ts).
   */
  async function getUserCustomFields(identity: UserIdentity): Promise<UserCustomField[]> {
    const what = `get-custom-fields for ${describeIdentity(identity)}`;
    const data = await read(techPaths.getUserCustomFields, identityQuery(identity), what, "tech.get-custom-fields");
    return parseAnswer(userCustomFieldsAnswerSchema, data ?? null, what, undefined, "tech.get-custom-fields");
  }

  /** `POST /pl/api/v1/user/update-custom-fields`: sets values by field id. Any success answer is a success. */
  async function updateUserCustomFields(identity: UserIdentity, values: CustomFieldValues): Promise<void> {
    const body = JSON.stringify({ ...identity, customFields: values });
    const what = `update-custom-fields for ${describeIdentity(identity)}`;
    const response = await send(config, {
      path: techPaths.updateUserCustomFields,
      method: "POST",
      headers: { ...authorization, "content-type": "application/json" },
      body,
      // Setting the same values twice leaves the same state.
      idempotent: true,
    });
    parseAnswer(
      updateCustomFieldsAnswerSchema,
      unwrapTechAnswer(response, what, "tech.update-custom-fields"),
      what,
      undefined,
      "tech.update-custom-fields",
    );
  }

  /** `GET /pl/api/v1/user/get-fields`: the user record; the hub needs its id (the field calls do not carry it). */
  async function getUser(identity: UserIdentity): Promise<TechUser> {
    const what = `get-fields for ${describeIdentity(identity)}`;
    const user = parseAnswer(
      techUserAnswerSchema,
      await read(techPaths.getUser, identityQuery(identity), what, "tech.get-fields"),
      what,
      undefined,
      "tech.get-fields",
    );
    if (!user)
      throw new GetCourseError("not_found", `Tech API: no ${describeIdentity(identity)} (get-fields answered no user)`);
    return user;
  }

  /**
   * `GET /pl/api/v1/common/get-personal-managers`: real users of the account without naming one,
   * the cheapest sample for a connection test (zenland-dev CHANGELOG 0.2.2).
   */
  async function getPersonalManagers(): Promise<Array<{ id: number; email: string; type: string; status: string }>> {
    const what = "get-personal-managers";
    return parseAnswer(
      personalManagersAnswerSchema,
      (await read(techPaths.personalManagers, undefined, what, "tech.get-personal-managers")) ?? null,
      what,
      undefined,
      "tech.get-personal-managers",
    );
  }

  return { getUserCustomFields, updateUserCustomFields, getUser, getPersonalManagers };
}

export type TechApi = ReturnType<typeof createTechApi>;
