import { cookies } from "next/headers";
import { getEnv } from "@/lib/env";
import { type Formats, formatsFor } from "./format";
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, type Locale, type Translate, translator } from "./messages";

/** The viewer's language: their remembered choice, else Russian. */
export async function getLocale(): Promise<Locale> {
  const chosen = (await cookies()).get(LOCALE_COOKIE)?.value;
  return isLocale(chosen) ? chosen : DEFAULT_LOCALE;
}

/** Messages and formats (numbers, money, dates in the school's TIME_ZONE) for the viewer. */
export async function getTranslator(): Promise<{ locale: Locale; t: Translate; format: Formats }> {
  const locale = await getLocale();
  return { locale, t: translator(locale), format: formatsFor(locale, getEnv().TIME_ZONE) };
}
