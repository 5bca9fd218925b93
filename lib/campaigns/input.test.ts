import { describe, expect, test } from "vitest";
import { parseCampaignInput } from "./input";

const valid = {
  name: "Весенний вебинар",
  bot: "@school_bot",
  kind: "telegram_start",
  utmSource: "vk",
  utmMedium: "cpc",
};

describe("parseCampaignInput", () => {
  test("normalises and fills nulls; no code means generate", () => {
    const result = parseCampaignInput(valid);
    expect(result).toEqual({
      ok: true,
      value: {
        name: "Весенний вебинар",
        bot: "school_bot",
        kind: "telegram_start",
        salebotLink: null,
        startCode: null,
        utmSource: "vk",
        utmMedium: "cpc",
        utmCampaign: null,
        utmContent: null,
        utmTerm: null,
      },
    });
  });

  test("reports each bad field", () => {
    const result = parseCampaignInput({
      name: " ",
      bot: "x",
      kind: "salebot_link",
      startCode: "has space",
      utmSource: "",
      utmTerm: "t".repeat(201),
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        name: "required",
        bot: "invalid_bot",
        salebotLink: "required",
        startCode: "invalid_code",
        utmSource: "required",
        utmTerm: "too_long",
      },
    });
  });

  test("a 65-character code is refused, 64 accepted", () => {
    expect(parseCampaignInput({ ...valid, startCode: "a".repeat(65) })).toMatchObject({
      ok: false,
      errors: { startCode: "invalid_code" },
    });
    expect(parseCampaignInput({ ...valid, startCode: "a".repeat(64) })).toMatchObject({ ok: true });
  });

  test("a code with the personal start links' prefix is reserved", () => {
    expect(parseCampaignInput({ ...valid, startCode: "gc-webinar" })).toMatchObject({
      ok: false,
      errors: { startCode: "reserved_code" },
    });
    expect(parseCampaignInput({ ...valid, startCode: "gc_webinar" })).toMatchObject({ ok: true });
  });

  test("an unknown kind is refused", () => {
    expect(parseCampaignInput({ ...valid, kind: "email" })).toMatchObject({
      ok: false,
      errors: { kind: "invalid_kind" },
    });
  });

  test("a Salebot campaign takes the pasted tracking URL", () => {
    expect(
      parseCampaignInput({ ...valid, kind: "salebot_link", salebotLink: "https://salebot.pro/r/school_1?x=1" }),
    ).toMatchObject({ ok: true, value: { salebotLink: "school_1" } });
  });
});
