/** Latin e-mail addresses for the simulator's (mostly Cyrillic) client names. */
const CYRILLIC: Record<string, string> = {
  а: "a",
  б: "b",
  в: "v",
  г: "g",
  д: "d",
  е: "e",
  ё: "e",
  ж: "zh",
  з: "z",
  и: "i",
  й: "y",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ф: "f",
  х: "kh",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  щ: "shch",
  ъ: "",
  ы: "y",
  ь: "",
  э: "e",
  ю: "yu",
  я: "ya",
};

export function transliterate(text: string): string {
  return [...text.toLowerCase()]
    .map((char) => CYRILLIC[char] ?? char)
    .join("")
    .replace(/[^a-z0-9]+/g, ".")
    .replace(/^\.|\.$/g, "");
}

const DOMAINS = ["mail.ru", "yandex.ru", "gmail.com", "inbox.ru", "bk.ru"];

/** `anna.ivanova.42@yandex.ru`: the number keeps addresses unique within one scenario. */
export function emailFor(name: string | null, index: number): string {
  const local = transliterate(name ?? "") || "client";
  return `${local}.${index}@${DOMAINS[index % DOMAINS.length]}`;
}

export function splitName(name: string | null): { firstName: string; lastName: string } {
  const [firstName = "", ...rest] = (name ?? "").split(" ");
  return { firstName, lastName: rest.join(" ") };
}
