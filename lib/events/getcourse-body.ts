import { jsonDepthExceeds } from "@/lib/json-depth";
import type { RawRequestBody } from "@/lib/http";

/**
 * What a call to /api/webhooks/getcourse carried in its body, read the ways GetCourse and the
 * admins who write «Вызвать URL» templates send it: JSON, a form (with or without its content
 * type), or nothing. What cannot be read is said, not thrown: the call is then kept raw.
 */
export type DecodedBody = { body: unknown; problem: string | null };

// `a=1&b=2`: a form body sent without (or with a wrong) content type.
const FORM_TEXT = /^[^=&\s{}[\]"]+=[^&]*(?:&[^=&]+=[^&]*)*$/;

export function decodeGetCourseBody(raw: Pick<RawRequestBody, "text" | "form">): DecodedBody {
  if (raw.form) return { body: raw.form, problem: null };
  const text = raw.text.trim();
  if (text === "") return { body: undefined, problem: null };
  try {
    const json: unknown = JSON.parse(text);
    return jsonDepthExceeds(json)
      ? { body: undefined, problem: "the JSON body nests too deep" }
      : { body: json, problem: null };
  } catch {
    if (FORM_TEXT.test(text)) return { body: Object.fromEntries(new URLSearchParams(text)), problem: null };
    return { body: undefined, problem: "the body is neither JSON nor a form" };
  }
}

const REDACTED = "[redacted]";
const SECRET_NAMES = "token|key|secret|password|api_key|apikey";

/** The request's text with secrets (a token, a key) replaced, for showing to admins. */
export function redactSecrets(text: string): string {
  return text
    .replace(new RegExp(`("(?:${SECRET_NAMES})"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, "gi"), `$1"${REDACTED}"`)
    .replace(new RegExp(`(^|[?&])((?:${SECRET_NAMES})=)[^&]*`, "gi"), `$1$2${REDACTED}`);
}

export function redactQuery(query: Record<string, string>): Record<string, string> {
  const secret = new RegExp(`^(?:${SECRET_NAMES})$`, "i");
  return Object.fromEntries(Object.entries(query).map(([name, value]) => [name, secret.test(name) ? REDACTED : value]));
}
