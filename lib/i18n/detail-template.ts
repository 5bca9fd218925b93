/**
 * A detail the hub writes itself (into link_attempts.error_detail, a delivery's last error, an
 * unreadable GetCourse call): an English template whose `{name}` slots are filled by the producer.
 * The stored text stays English (APIs, logs and bug reports read it); the dashboard recognises it
 * by the same template and shows the reader's words (lib/i18n/technical-text.ts), so a producer
 * cannot write a sentence that has no translation. A `{cause}` slot, always last, carries an
 * outside service's own words: the page shows it quoted, as that service's answer. A `{detail}`
 * slot, also last, carries another detail of these sets, read in turn.
 */

export type DetailVars = Record<string, string>;

export type DetailSet<C extends string> = {
  readonly templates: Readonly<Record<C, string>>;
  /** The English text of one detail with its values filled in. */
  text(code: C, vars?: DetailVars): string;
};

export function defineDetails<const T extends Record<string, string>>(
  templates: T,
): DetailSet<Extract<keyof T, string>> {
  return {
    templates,
    text: (code, vars = {}) =>
      (templates[code] as string).replace(/\{(\w+)\}/g, (slot, name: string) => {
        const value = vars[name];
        if (value === undefined) throw new Error(`detail ${code}: no value for {${name}}`);
        return value;
      }),
  };
}

export type RecognisedDetail = { code: string; vars: DetailVars; cause?: string };

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Slots whose values may hold spaces (field names listed, a caller's value); any other is one word (an e-mail, an id, a URL). */
const SPACED = new Set(["fields", "given"]);

/** The template's pattern: literal text as it is, a value slot as the shortest run, `{cause}` as the rest. */
function patternOf(template: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  let source = "";
  let last = 0;
  for (const slot of template.matchAll(/\{(\w+)\}/g)) {
    source += escape(template.slice(last, slot.index));
    const name = slot[1] ?? "";
    names.push(name);
    source += name === "cause" || name === "detail" ? "([\\s\\S]*)" : SPACED.has(name) ? "(.+?)" : "(\\S+?)";
    last = slot.index + slot[0].length;
  }
  source += escape(template.slice(last));
  return { pattern: new RegExp(`^${source}$`), names };
}

/** Recognises any text of the given sets; null for a text none of them wrote. */
export function detailRecogniser(sets: readonly DetailSet<string>[]): (text: string) => RecognisedDetail | null {
  const compiled = sets.flatMap((set) =>
    Object.entries(set.templates).map(([code, template]) => ({
      code,
      literal: template.replace(/\{\w+\}/g, "").length,
      ...patternOf(template),
    })),
  );
  // The most literal text first: "HTTP {status}." must not swallow "HTTP {status} (after {tries} tries).".
  compiled.sort((a, b) => b.literal - a.literal);
  return (text) => {
    for (const { code, pattern, names } of compiled) {
      const match = text.match(pattern);
      if (!match) continue;
      const vars: DetailVars = {};
      let cause: string | undefined;
      names.forEach((name, index) => {
        const value = match[index + 1] ?? "";
        if (name === "cause") cause = value;
        else vars[name] = value;
      });
      return cause === undefined ? { code, vars } : { code, vars, cause };
    }
    return null;
  };
}
