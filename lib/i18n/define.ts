/** A domain's messages: Russian first; the type makes every English key required. */
export function defineMessages<const R extends Record<string, string>>(messages: {
  ru: R;
  en: Record<keyof R, string>;
}) {
  return messages;
}
