import { describe, expect, test } from "vitest";
import { type AttributableCampaign, matchCampaign, utmToFill } from "./attribution";
import { EMPTY_UTM } from "./utm";

const campaign = (id: number, fields: Partial<AttributableCampaign>): AttributableCampaign => ({
  ...EMPTY_UTM,
  id: BigInt(id),
  kind: "salebot_link",
  startCode: `code${id}`,
  archived: false,
  ...fields,
});

const tg = campaign(1, { kind: "telegram_start", startCode: "webinar", utmSource: "tg_ads", utmMedium: "cpc" });
const sbVk = campaign(2, { utmSource: "vk", utmMedium: "cpc" });
const sbVkSpring = campaign(3, { utmSource: "vk", utmMedium: "cpc", utmCampaign: "spring" });
const archived = campaign(4, {
  utmSource: "vk",
  utmMedium: "cpc",
  utmCampaign: "spring",
  utmContent: "banner",
  archived: true,
});
const all = [tg, sbVk, sbVkSpring, archived];

describe("matchCampaign", () => {
  test("start parameter first", () => {
    expect(matchCampaign({ startParam: "webinar", variables: { hub_campaign: "code2" } }, all)).toEqual({
      campaign: tg,
      via: "start_param",
    });
  });
  test("then the hub_campaign variable, archived campaigns included", () => {
    expect(matchCampaign({ startParam: "other", variables: { hub_campaign: "code4" } }, all)).toEqual({
      campaign: archived,
      via: "variable",
    });
  });
  test("then the most specific active UTM set", () => {
    const variables = { utm_source: "vk", utm_medium: "cpc", utm_campaign: "spring", utm_content: "banner" };
    expect(matchCampaign({ startParam: null, variables }, all)?.campaign).toBe(sbVkSpring);
    expect(matchCampaign({ startParam: null, variables: { utm_source: "vk", utm_medium: "cpc" } }, all)?.campaign).toBe(
      sbVk,
    );
  });
  test("nothing when a set tag differs or there is no source", () => {
    expect(matchCampaign({ startParam: null, variables: { utm_source: "vk", utm_medium: "email" } }, all)).toBeNull();
    expect(matchCampaign({ startParam: null, variables: { utm_medium: "cpc" } }, all)).toBeNull();
    expect(matchCampaign({ startParam: null, variables: null }, all)).toBeNull();
  });
});

describe("utmToFill", () => {
  test("Salebot's stored tags win over the campaign's, tag by tag", () => {
    const attribution = { campaign: tg, via: "start_param" as const };
    expect(utmToFill({ utm_source: "insta", utm_term: 42 }, attribution)).toEqual({
      utmSource: "insta",
      utmMedium: "cpc",
      utmCampaign: null,
      utmContent: null,
      utmTerm: "42",
    });
  });
  test("without a campaign, only the variables", () => {
    expect(utmToFill({ utm_source: " " }, null)).toEqual(EMPTY_UTM);
  });
});
