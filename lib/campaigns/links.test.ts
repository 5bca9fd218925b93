import { describe, expect, test } from "vitest";
import { salebotTrackingLink, telegramStartLink } from "./links";
import { EMPTY_UTM } from "./utm";

const source = {
  ...EMPTY_UTM,
  bot: "school_bot",
  startCode: "spring_webinar",
  salebotLink: "school_1",
  utmSource: "vk",
  utmMedium: "cpc",
  utmCampaign: "весна 2026",
};

describe("campaign links", () => {
  test("Telegram: the code as the start payload", () => {
    expect(telegramStartLink(source)).toBe("https://t.me/school_bot?start=spring_webinar");
  });

  test("Salebot: every set UTM tag, encoded, then the campaign marker", () => {
    const url = salebotTrackingLink(source);
    expect(url).toBe(
      "https://salebot.pro/r/school_1?utm_source=vk&utm_medium=cpc&utm_campaign=%D0%B2%D0%B5%D1%81%D0%BD%D0%B0+2026&hub_campaign=spring_webinar",
    );
    const parsed = new URL(url ?? "");
    expect(parsed.searchParams.get("utm_campaign")).toBe("весна 2026");
    expect(parsed.searchParams.has("utm_term")).toBe(false);
  });

  test("Salebot: none without the project's link slug", () => {
    expect(salebotTrackingLink({ ...source, salebotLink: null })).toBeNull();
  });
});
