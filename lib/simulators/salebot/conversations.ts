import { seededRandom } from "@/lib/simulators/shared/seeded-random";
import { TELEGRAM_CLIENT_TYPE } from "@/lib/salebot/client-types";
import { SalebotSimState, type SimClient, type SimVariables } from "./state";
import { type SalebotWebhookJson, webhookJsonOf } from "./webhooks";

/** A bot the generated clients talk to: its `group` (Telegram username, VK group id, ...) and messenger. */
export type SimBot = { group: string; clientType: number };

export const DEFAULT_SIM_BOTS: readonly SimBot[] = [
  { group: "school_main_bot", clientType: TELEGRAM_CLIENT_TYPE },
  { group: "school_webinar_bot", clientType: TELEGRAM_CLIENT_TYPE },
  { group: "212345678", clientType: 0 },
  { group: "wa_school", clientType: 6 },
];

export type GenerateConversationsOptions = {
  seed: number | string;
  /** How many clients (one conversation each). */
  clients: number;
  bots?: readonly SimBot[];
  /** First messages fall uniformly in [from, to). */
  from: Date;
  to: Date;
  projectId?: number;
  firstClientId?: number;
  firstMessageId?: number;
  startParameters?: readonly string[];
  utmSources?: readonly string[];
  /** Share of webhooks whose `attachments` is a Python repr string (doc §3 quirk). Default 0.2. */
  attachmentsAsReprShare?: number;
};

export type StartParameterSource = "tag" | "start_message" | "none";

export type GeneratedConversation = {
  /** Full client with history and variables, ready for `sim.state` (see `seedConversations`). */
  client: SimClient;
  startParameter: string | null;
  startParameterSource: StartParameterSource;
  utmSource: string | null;
  firstMessageAt: Date;
};

export type GeneratedMessage = { at: Date; payload: SalebotWebhookJson };

export type GeneratedConversations = {
  projectId: number;
  conversations: GeneratedConversation[];
  /** Every webhook of every conversation, ordered by time. */
  messages: GeneratedMessage[];
};

/**
 * Client names: a first name says its language and gender, and the surname agrees with both
 * («Мария Кузнецова», «Сергей Иванов», «Kate Brown»), so a search for «Соколова» finds the women.
 * One pick of each list per client, so changing names never shifts the rest of the seeded run.
 */
const FIRST_NAMES: readonly { name: string; language: "ru" | "en"; female: boolean }[] = [
  { name: "Анна", language: "ru", female: true },
  { name: "Иван", language: "ru", female: false },
  { name: "Мария", language: "ru", female: true },
  { name: "Дмитрий", language: "ru", female: false },
  { name: "Елена", language: "ru", female: true },
  { name: "Сергей", language: "ru", female: false },
  { name: "Ольга", language: "ru", female: true },
  { name: "Алексей", language: "ru", female: false },
  { name: "Наталья", language: "ru", female: true },
  { name: "Павел", language: "ru", female: false },
  { name: "Kate", language: "en", female: true },
  { name: "John", language: "en", female: false },
];
/** Russian surnames in their masculine form (the feminine adds «а»), with an English one at the same place. */
const SURNAMES: readonly { ru: string; en: string }[] = [
  { ru: "Иванов", en: "Lee" },
  { ru: "Петров", en: "Brown" },
  { ru: "Смирнов", en: "Smith" },
  { ru: "Кузнецов", en: "Taylor" },
  { ru: "Попов", en: "Wilson" },
  { ru: "Соколов", en: "Clark" },
  { ru: "Лебедев", en: "Evans" },
  { ru: "Морозов", en: "Hall" },
];

/** «Имя Фамилия» with the surname in the first name's language and gender. */
export function personName(first: (typeof FIRST_NAMES)[number], surname: (typeof SURNAMES)[number]): string {
  if (first.language === "en") return `${first.name} ${surname.en}`;
  return `${first.name} ${first.female ? `${surname.ru}а` : surname.ru}`;
}
const DEFAULT_START_PARAMETERS = ["webinar_may", "ads_vk", "blog", "partner_42", "reels"];
const DEFAULT_UTM_SOURCES = ["yandex", "vk", "telegram_ads", "google", "email"];
const UTM_MEDIUMS = ["cpc", "social", "newsletter"];
const GREETINGS = ["Здравствуйте", "Привет!", "Хочу на курс", "Сколько стоит обучение?", "Добрый день"];
const CLIENT_REPLIES = ["Да", "Интересно", "А когда старт?", "Спасибо", "Можно подробнее?", "Оплатил"];
const BOT_REPLIES = [
  "Добро пожаловать! Выберите курс:",
  "Старт потока через неделю",
  "Вот ссылка на оплату",
  "Спасибо за ответ!",
];
const MINUTE = 60_000;

export function generateConversations(options: GenerateConversationsOptions): GeneratedConversations {
  const { next: random } = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(random() * items.length)];
    if (item === undefined) throw new Error("salebot generator: empty choice list");
    return item;
  };
  const digits = (count: number) => Array.from({ length: count }, () => Math.floor(random() * 10)).join("");

  const bots = options.bots ?? DEFAULT_SIM_BOTS;
  const projectId = options.projectId ?? 1;
  const startParameters = options.startParameters ?? DEFAULT_START_PARAMETERS;
  const utmSources = options.utmSources ?? DEFAULT_UTM_SOURCES;
  const reprShare = options.attachmentsAsReprShare ?? 0.2;
  const span = Math.max(0, options.to.getTime() - options.from.getTime());
  // A private state builds the clients so ids, history and payloads come out exactly as the simulator makes them.
  const state = new SalebotSimState(() => options.from);
  const firstClientId = options.firstClientId ?? 2_000_001;
  const firstMessageId = options.firstMessageId ?? 7_000_001;

  const conversations: GeneratedConversation[] = [];
  const messages: GeneratedMessage[] = [];
  let nextMessageId = firstMessageId;

  for (let index = 0; index < options.clients; index++) {
    const bot = pick(bots);
    const telegram = bot.clientType === TELEGRAM_CLIENT_TYPE;
    const platformId =
      bot.clientType === 6
        ? `79${digits(9)}`
        : bot.clientType === 0
          ? `${1 + Math.floor(random() * 9)}${digits(8)}`
          : `${1 + Math.floor(random() * 9)}${digits(9)}`;
    const firstMessageAt = new Date(options.from.getTime() + Math.floor(random() * span));

    const roll = random();
    const startParameter = roll < 0.6 ? pick(startParameters) : null;
    const startParameterSource: StartParameterSource =
      startParameter === null ? "none" : telegram && roll >= 0.35 ? "start_message" : "tag";
    const firstText = telegram ? (startParameter ? `/start ${startParameter}` : "/start") : pick(GREETINGS);

    const utmSource = random() < 0.6 ? pick(utmSources) : null;
    const dealVariables: SimVariables = utmSource
      ? {
          utm_source: utmSource,
          utm_medium: pick(UTM_MEDIUMS),
          utm_campaign: `campaign_${1 + Math.floor(random() * 5)}`,
        }
      : {};

    const client = state.addClient({
      id: firstClientId + index,
      platformId,
      clientType: bot.clientType,
      group: bot.group,
      name: personName(pick(FIRST_NAMES), pick(SURNAMES)),
      tag: startParameterSource === "tag" ? startParameter : null,
      avatar: random() < 0.5 ? `https://files.salebot.pro/uploads/avatars/${platformId}.jpg` : null,
      createdAt: firstMessageAt,
      variables: telegram && random() < 0.7 ? { tg_username: `@user${platformId.slice(-5)}` } : {},
      dealVariables,
    });

    let at = firstMessageAt.getTime();
    const say = (fromClient: boolean, text: string, attachments: string[] = []) => {
      const item = state.addHistory(client.id, {
        id: nextMessageId++,
        text,
        fromClient,
        messageFromOutside: 0,
        blockId: fromClient ? null : String(100 + Math.floor(random() * 50)),
        at: new Date(at),
        attachments,
        delivered: fromClient || random() > 0.03,
      });
      messages.push({
        at: item.createdAt,
        payload: webhookJsonOf(client, item, projectId, { attachmentsAsRepr: random() < reprShare }),
      });
      at += MINUTE * (1 + Math.floor(random() * 90));
    };

    say(true, firstText);
    say(false, pick(BOT_REPLIES));
    const exchanges = Math.floor(random() * 4);
    for (let turn = 0; turn < exchanges; turn++) {
      const withPhoto = random() < 0.1;
      say(
        true,
        withPhoto ? "" : pick(CLIENT_REPLIES),
        withPhoto ? [`https://files.salebot.pro/uploads/file_${digits(6)}.jpg`] : [],
      );
      say(false, pick(BOT_REPLIES));
    }

    conversations.push({ client, startParameter, startParameterSource, utmSource, firstMessageAt });
  }

  messages.sort((a, b) => a.at.getTime() - b.at.getTime() || a.payload.id - b.payload.id);
  return { projectId, conversations, messages };
}

/** Loads generated conversations into a simulator state, same ids, so API calls see what the webhooks said. */
export function seedConversations(state: SalebotSimState, generated: GeneratedConversations): void {
  for (const { client } of generated.conversations) {
    const seeded = state.addClient({
      id: client.id,
      platformId: client.platformId,
      clientType: client.clientType,
      group: client.group,
      name: client.name,
      tag: client.tag,
      avatar: client.avatar,
      createdAt: client.createdAt,
      variables: client.clientVariables,
      dealVariables: client.dealVariables,
    });
    for (const item of client.history) {
      state.addHistory(seeded.id, {
        id: item.id,
        text: item.text,
        fromClient: item.clientReplica,
        messageFromOutside: item.messageFromOutside,
        blockId: item.blockId,
        at: item.createdAt,
        attachments: item.attachments,
        delivered: item.delivered,
      });
    }
  }
}
