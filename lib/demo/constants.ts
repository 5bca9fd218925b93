import { DEFAULT_ACTIVITY_FIELD } from "@/lib/forwarding/settings";

/** The demo Salebot project: the simulator's default id, so its webhooks name the project the hub is told about. */
export const DEMO_PROJECT_ID = "100001";
export const DEMO_BOT_USERNAME = "school_main_bot";
export const DEMO_FIELDS = { telegram: "telegram_id", salebot: `sb_${DEMO_PROJECT_ID}_id` } as const;
/** Activity write-back writes here (lib/events/activity-writeback.ts); the demo account has it, so no warnings. */
export const DEMO_ACTIVITY_FIELD = DEFAULT_ACTIVITY_FIELD;
export const DEMO_SEED = "salebot-getcourse-hub-demo";
export const DEMO_HISTORY_DAYS = 42;
export const DEMO_CLIENTS = 300;

/**
 * The marketer's tracked links of the demo: Telegram start links whose codes are start parameters
 * the simulated clients arrive with (lib/simulators/salebot/conversations.ts), so /campaigns and
 * analytics grouped by campaign have clients to show. The other start parameters stay without one.
 */
export const DEMO_CAMPAIGNS = [
  {
    name: "Вебинар в мае",
    bot: "school_webinar_bot",
    startCode: "webinar_may",
    utmSource: "telegram",
    utmCampaign: "webinar_may",
  },
  { name: "Реклама ВКонтакте", bot: DEMO_BOT_USERNAME, startCode: "ads_vk", utmSource: "vk", utmCampaign: "ads_vk" },
  {
    name: "Партнёр 42",
    bot: DEMO_BOT_USERNAME,
    startCode: "partner_42",
    utmSource: "partner",
    utmCampaign: "partner_42",
  },
] as const;

/** The GetCourse simulator numbers users and deals from these, in creation order (lib/simulators/getcourse/state.ts). */
export const GC_FIRST_USER_ID = 500_001;
export const GC_FIRST_DEAL_ID = 870_001;
export const GC_FIRST_DEAL_NUMBER = 10_001;

/** Where the demo remembers what it did, so a restart neither duplicates nor forgets it. */
export const DEMO_HISTORY_SETTING = "demo.seeded";
export const DEMO_LIVE_SETTING = "demo.live";

export const DAY_MS = 24 * 60 * 60 * 1000;
export const HOUR_MS = 60 * 60 * 1000;
export const MINUTE_MS = 60 * 1000;
