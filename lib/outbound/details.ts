import { defineDetails, type DetailVars } from "@/lib/i18n/detail-template";

/**
 * What lib/outbound/fetch-json.ts says about an exchange that failed; the OutboundError puts
 * `<service>: ` before it.
 */
const TRANSPORT = {
  httpStatusFrom: "HTTP {status} from {where}",
  noAnswerFrom: "no answer within {ms} ms from {where}",
  cannotReach: "cannot reach {where}",
  answerBrokeOff: "answer from {where} broke off",
  rateLimited: "rate limited by {where}",
} as const;

type TransportCode = keyof typeof TRANSPORT;

/** An OutboundError's message for a failed exchange. */
export function transportMessage(code: TransportCode, vars: DetailVars): string {
  return OUTBOUND_DETAILS.text(code, { ...vars, service: "" }).slice(2);
}

/**
 * What the hub says about an outside call that failed (an OutboundError's message, stored as a
 * failure's or a delivery's detail): the hub's words around the service's. See lib/linking/details.ts.
 * The sentences after the transport forms are the short forms the demo history stores.
 */
export const OUTBOUND_DETAILS = defineDetails({
  httpStatusFrom: `{service}: ${TRANSPORT.httpStatusFrom}`,
  noAnswerFrom: `{service}: ${TRANSPORT.noAnswerFrom}`,
  cannotReach: `{service}: ${TRANSPORT.cannotReach}`,
  answerBrokeOff: `{service}: ${TRANSPORT.answerBrokeOff}`,
  rateLimited: `{service}: ${TRANSPORT.rateLimited}`,
  answeredHttp: "{service} answered HTTP {status}.",
  answeredHttpTries: "{service} answered HTTP {status} (after {tries} tries).",
  noAnswerWithin: "{service} did not answer within {seconds} s.",
  gcKeyRejected: "GetCourse rejected the API key.",
  unexpectedGcAnswer: "Unexpected answer from GetCourse: {cause}",
});
