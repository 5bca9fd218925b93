import { GC_CALL_DETAILS } from "@/lib/events/getcourse-call-details";
import { GAVE_UP_SUFFIX, LINK_DETAILS } from "@/lib/linking/details";
import { OUTBOUND_DETAILS } from "@/lib/outbound/details";
import { detailRecogniser, type DetailSet, type DetailVars } from "./detail-template";
import type { MessageKey, Translate } from "./messages";

/**
 * The hub stores what went wrong in English (the attempt log, deliveries, unreadable GetCourse
 * calls: APIs, logs and bug reports read it). Every sentence it writes itself comes from a
 * template set beside its producer; here the stored text is recognised by that template and told
 * in the reader's words. Text an outside service wrote is not recognised: a page shows it quoted,
 * as that service's answer.
 */

const SETS = [LINK_DETAILS, GC_CALL_DETAILS, OUTBOUND_DETAILS] as const;

type CodesOf<S> = S extends DetailSet<infer C> ? C : never;
type DetailCode = CodesOf<(typeof SETS)[number]>;

/** A compile error names the detail whose translation is missing from lib/i18n/dictionaries/codes.ts. */
const keyOf = (code: DetailCode): MessageKey => `detail.${code}`;

const recognise = detailRecogniser(SETS);

const SERVICE_NAMES: Record<string, string> = { getcourse: "GetCourse", salebot: "Salebot" };

export type TechnicalText = {
  /** The detail in the reader's words; null when the hub did not write it. */
  translated: string | null;
  /** An outside service's own words inside (or as) the detail, to be shown quoted. */
  serviceAnswer: string | null;
};

/** What a page shows for a stored detail: the hub's sentence translated, the service's words apart. */
export function readTechnicalText(t: Translate, text: string | null | undefined): TechnicalText {
  if (!text) return { translated: null, serviceAnswer: null };
  const gaveUp = text.endsWith(GAVE_UP_SUFFIX);
  const recognised = recognise(gaveUp ? text.slice(0, -GAVE_UP_SUFFIX.length) : text);
  if (!recognised) return { translated: null, serviceAnswer: text };
  const vars: DetailVars = { ...recognised.vars };
  if (vars.service) vars.service = SERVICE_NAMES[vars.service] ?? vars.service;
  let serviceAnswer = recognised.cause?.trim() || null;
  if (vars.detail !== undefined) {
    const inner = readTechnicalText(t, vars.detail);
    vars.detail = inner.translated ?? "";
    serviceAnswer = inner.serviceAnswer;
  }
  const sentence = t(keyOf(recognised.code as DetailCode), vars).trim();
  return { translated: gaveUp ? `${sentence} ${t("detail.gaveUp")}` : sentence, serviceAnswer };
}

/** The stored text in the reader's words, or null when the hub did not write it (an outside service's own text). */
export function translateTechnicalText(t: Translate, text: string | null | undefined): string | null {
  return readTechnicalText(t, text).translated;
}
