import type { MessageVars } from "./interpolate";
import type { MessageKey, Translate } from "./messages";

/**
 * The hub stores what went wrong in English (the attempt log, deliveries, unreadable GetCourse
 * calls: APIs, logs and bug reports read it). The sentences the hub writes itself have a
 * translation here; a page shows that and keeps the stored text only as a folded detail. Text an
 * outside service wrote is not recognised and stays a detail alone.
 */

type Known = { key: MessageKey; vars?: (match: RegExpMatchArray) => MessageVars };

const SENTENCES: [RegExp, Known][] = [
  [/^GetCourse has no user with this e-mail\.$/, { key: "detail.gcNoUser" }],
  [
    /^GetCourse has no (?:user|custom) field (.+?)(?::| for this user\.)/,
    { key: "detail.gcNoField", vars: (m) => ({ fields: m[1] ?? "" }) },
  ],
  [/^GetCourse rejected the API key\.$/, { key: "detail.gcKeyRejected" }],
  [
    /^(GetCourse|Salebot) answered HTTP (\d{3}) \(after (\d+) tries\)\.$/,
    { key: "detail.answeredHttpTries", vars: (m) => ({ service: m[1] ?? "", status: m[2] ?? "", tries: m[3] ?? "" }) },
  ],
  [
    /^(GetCourse|Salebot) answered HTTP (\d{3})\.$/,
    { key: "detail.answeredHttp", vars: (m) => ({ service: m[1] ?? "", status: m[2] ?? "" }) },
  ],
  [
    /^(GetCourse|Salebot) did not answer within (\d+) s\.$/,
    { key: "detail.noAnswerWithin", vars: (m) => ({ service: m[1] ?? "", seconds: m[2] ?? "" }) },
  ],
  [
    /^GetCourse did not finish within (\d+) s\.$/,
    { key: "detail.gcNotFinished", vars: (m) => ({ seconds: m[1] ?? "" }) },
  ],
  [/^This e-mail is already linked to another Salebot client\.$/, { key: "detail.emailLinkedElsewhere" }],
  [
    /^Salebot client (\S+) is already linked to another e-mail\.$/,
    { key: "detail.clientLinkedElsewhere", vars: (m) => ({ client: m[1] ?? "" }) },
  ],
  [
    /^(\S+@\S+) is already linked to Salebot client (\S+)\.$/,
    { key: "detail.emailLinkedTo", vars: (m) => ({ email: m[1] ?? "", client: m[2] ?? "" }) },
  ],
  [
    /^(\S+@\S+) was linked to another Salebot client at the same time\.$/,
    { key: "detail.linkedMeanwhile", vars: (m) => ({ email: m[1] ?? "" }) },
  ],
  [/^The request is malformed\.$/, { key: "detail.malformedRequest" }],
  [/^Unexpected answer from GetCourse\b/, { key: "detail.unexpectedGcAnswer" }],
  // lib/linking/relink.ts: an unlink or relink that could not clear the old keys; the cause after the colon stays a detail.
  [
    /^GetCourse fields of (\S+@\S+) were not cleared:/,
    { key: "detail.gcFieldsNotCleared", vars: (m) => ({ email: m[1] ?? "" }) },
  ],
  [
    /^Salebot variables of client (\S+) were not cleared:/,
    { key: "detail.salebotVariablesNotCleared", vars: (m) => ({ client: m[1] ?? "" }) },
  ],
  [/^no deal id\b/, { key: "detail.noDealId" }],
  // Personal start links (lib/linking/start-link/redeem.ts).
  [
    /^This start link was already used by Salebot client (\S+)\.$/,
    { key: "detail.startLinkUsed", vars: (m) => ({ client: m[1] ?? "" }) },
  ],
  [/^The start code's signature does not match: it was altered or made up\.$/, { key: "detail.startLinkForged" }],
  [/^The start code is broken \(cut off, too long or wrongly spelt\)\.$/, { key: "detail.startLinkBroken" }],
  [
    /^The start code was made for Salebot project (\S+), not (\S+)\.$/,
    { key: "detail.startLinkOtherProject", vars: (m) => ({ made: m[1] ?? "", project: m[2] ?? "" }) },
  ],
  [
    /^The hub links Salebot project (\S+); this client belongs to project (\S+)\.$/,
    { key: "detail.startLinkClientProject", vars: (m) => ({ project: m[1] ?? "", client: m[2] ?? "" }) },
  ],
  [
    /^GetCourse has not told the hub about user (\d+)\b/,
    { key: "detail.startLinkUnknownUser", vars: (m) => ({ user: m[1] ?? "" }) },
  ],
  [
    /^This e-mail belongs to GetCourse user (\d+), but the link names user (\d+)\.$/,
    { key: "detail.startLinkOtherUser", vars: (m) => ({ actual: m[1] ?? "", named: m[2] ?? "" }) },
  ],
  [/^the body is JSON but not an object\b/, { key: "detail.notAnObject" }],
];

const GAVE_UP = " Gave up after 24 hours of retries.";

/** The stored text in the reader's words, or null when the hub did not write it (an outside service's own text). */
export function translateTechnicalText(t: Translate, text: string | null | undefined): string | null {
  if (!text) return null;
  const gaveUp = text.endsWith(GAVE_UP);
  const sentence = gaveUp ? text.slice(0, -GAVE_UP.length) : text;
  for (const [pattern, known] of SENTENCES) {
    const match = sentence.match(pattern);
    if (match)
      return gaveUp ? `${t(known.key, known.vars?.(match))} ${t("detail.gaveUp")}` : t(known.key, known.vars?.(match));
  }
  return null;
}
