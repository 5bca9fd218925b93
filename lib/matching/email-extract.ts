import { isLooseEmail } from "@/lib/email";

/**
 * E-mail addresses a customer wrote in a chat message ("моя почта Anna.Petrova@Mail.ru, спасибо"):
 * lower-cased, without the punctuation around them, each once. Only the local-part characters
 * mail really uses are taken, so "почта:anna@mail.ru" yields the address and not the word before.
 */
const EMAIL_RUN =
  /[a-z0-9._%+\-']+@[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?)*\.[a-z]{2,}/gi;

export function extractEmails(text: string | null | undefined): string[] {
  if (!text || !text.includes("@")) return [];
  const found = new Set<string>();
  for (const match of text.matchAll(EMAIL_RUN)) {
    const email = match[0].replace(/^[.'\-]+/, "").toLowerCase();
    if (isLooseEmail(email) && !email.includes("..")) found.add(email);
  }
  return [...found];
}
