/** The five UTM tags as the hub stores them (camelCase) and as links and Salebot name them. */
export const UTM_KEYS = ["utmSource", "utmMedium", "utmCampaign", "utmContent", "utmTerm"] as const;
export type UtmKey = (typeof UTM_KEYS)[number];
export type UtmSet = Record<UtmKey, string | null>;

export const UTM_PARAM: Record<UtmKey, string> = {
  utmSource: "utm_source",
  utmMedium: "utm_medium",
  utmCampaign: "utm_campaign",
  utmContent: "utm_content",
  utmTerm: "utm_term",
};

export const EMPTY_UTM: UtmSet = {
  utmSource: null,
  utmMedium: null,
  utmCampaign: null,
  utmContent: null,
  utmTerm: null,
};
