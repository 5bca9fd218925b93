import { interpolate, type MessageVars } from "./interpolate";
import { commonMessages } from "./dictionaries/common";
import { auditMessages } from "./dictionaries/audit";
import { authMessages } from "./dictionaries/auth";
import { connectMessages } from "./dictionaries/connect";
import { usersMessages } from "./dictionaries/users";
import { failuresMessages } from "./dictionaries/failures";
import { relinkMessages } from "./dictionaries/relink";
import { deliveriesMessages } from "./dictionaries/deliveries";
import { dataTableMessages } from "./dictionaries/data-table";
import { linksMessages } from "./dictionaries/links";
import { customersMessages } from "./dictionaries/customers";
import { settingsMessages } from "./dictionaries/settings";
import { campaignsMessages } from "./dictionaries/campaigns";
import { analyticsMessages } from "./dictionaries/analytics";
import { salebotUsageMessages } from "./dictionaries/salebot-usage";
import { getcourseCallsMessages } from "./dictionaries/getcourse-calls";
import { accountMessages } from "./dictionaries/account";
import { codesMessages } from "./dictionaries/codes";
import { overviewMessages } from "./dictionaries/overview";
import { suggestionsMessages } from "./dictionaries/suggestions";

/**
 * Every string the UI shows. Russian is the default; English mirrors its keys, and the type
 * makes a missing translation a compile error. One dictionary per domain
 * (lib/i18n/dictionaries/*.ts), so features add strings without touching each other's files.
 */
const dictionaries = [
  commonMessages,
  connectMessages,
  authMessages,
  usersMessages,
  auditMessages,
  failuresMessages,
  relinkMessages,
  deliveriesMessages,
  dataTableMessages,
  linksMessages,
  customersMessages,
  settingsMessages,
  analyticsMessages,
  campaignsMessages,
  salebotUsageMessages,
  getcourseCallsMessages,
  accountMessages,
  codesMessages,
  overviewMessages,
  suggestionsMessages,
] as const;

type KeysOf<D> = D extends { ru: infer R } ? Extract<keyof R, string> : never;
export type MessageKey = KeysOf<(typeof dictionaries)[number]>;

const ru = Object.assign({}, ...dictionaries.map((d) => d.ru)) as Record<MessageKey, string>;
const en = Object.assign({}, ...dictionaries.map((d) => d.en)) as Record<MessageKey, string>;

export const LOCALES = ["ru", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "ru";
export const LOCALE_COOKIE = "locale";

export const messages: Record<Locale, Record<MessageKey, string>> = { ru, en };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** BCP 47 tag for Intl: Russian as in Russia, English with day-first dates. */
export function languageTag(locale: Locale): string {
  return messages[locale]["locale.tag"];
}

/**
 * A message in the viewer's language, its placeholders filled (see ./interpolate.ts). Pass ids as
 * strings: numbers are formatted for reading (`2 000 149`).
 */
export type Translate = (key: MessageKey, vars?: MessageVars) => string;

export function translator(locale: Locale): Translate {
  const tag = languageTag(locale);
  return (key, vars) => (vars ? interpolate(messages[locale][key], vars, tag) : messages[locale][key]);
}
