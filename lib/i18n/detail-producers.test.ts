import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { GC_CALL_DETAILS } from "@/lib/events/getcourse-call-details";
import { LINK_DETAILS } from "@/lib/linking/details";
import { OUTBOUND_DETAILS } from "@/lib/outbound/details";
import { translator } from "./messages";
import { readTechnicalText } from "./technical-text";

const ru = translator("ru");
const en = translator("en");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "generated" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

/**
 * The places a stored detail is produced: a link failure, a start-link refusal, an unreadable
 * GetCourse call, an attempt's or a delivery's detail, an unlink's warning. Each must take its
 * text from a template set (`*_DETAILS.text(…)`) or pass on another error's message, never write
 * a sentence of its own that the dashboard could not translate.
 */
const PRODUCERS = [
  /new LinkFailure\(\s*"[a-z_]+",\s*[`"']/g,
  /\brefuse\(\s*"[a-z_]+",\s*[`"']/g,
  /\b(?:errorDetail|lastError|detail):\s*(?:["']|`(?!\$\{))/g,
  /\breturn `[A-Z][^`]*were not cleared/g,
];

describe("every detail the hub stores is one the dashboard can translate", () => {
  test("no producer writes a sentence outside the template sets", () => {
    const root = path.resolve(__dirname, "..");
    const offenders = sourceFiles(root).flatMap((file) => {
      // Not stored details: the connection test's lines (Settings) and an API answer's reason.
      if (/[/\\](?:i18n[/\\]|settings[/\\]connection-test|linking[/\\]start-link[/\\]users)/.test(file)) return [];
      const text = readFileSync(file, "utf8");
      return PRODUCERS.flatMap((pattern) =>
        [...text.matchAll(pattern)].map((match) => `${path.relative(root, file)}: ${match[0]}`),
      );
    });
    expect(offenders).toEqual([]);
  });

  const sets = { LINK_DETAILS, GC_CALL_DETAILS, OUTBOUND_DETAILS };
  for (const [name, set] of Object.entries(sets)) {
    test(`${name}: each template, filled in, reads back as itself in both languages`, () => {
      for (const [code, template] of Object.entries(set.templates)) {
        const slots = [...template.matchAll(/\{(\w+)\}/g)].map((slot) => slot[1] ?? "");
        const vars = Object.fromEntries(slots.map((slot, index) => [slot, `v${index}x`]));
        if ("service" in vars) vars.service = "getcourse";
        if ("cause" in vars) vars.cause = "upstream said no";
        if ("detail" in vars) vars.detail = LINK_DETAILS.text("emailLinkedTo", { email: "a@b.ru", client: "v9x" });
        const stored = set.text(code as never, vars);
        const read = readTechnicalText(ru, stored);
        expect(read.translated, `${code}: ${stored}`).not.toBeNull();
        expect(read.translated, code).toMatch(/[а-яё]/i);
        expect(read.translated, code).not.toMatch(/\{\w+\}/);
        // Every value the reader needs (e-mail, client id, deal id) is in the sentence.
        for (const [slot, value] of Object.entries(vars))
          if (!["cause", "detail", "service", "where", "ms"].includes(slot))
            expect(read.translated, `${code} {${slot}}`).toContain(value);
        expect(read.serviceAnswer).toBe("cause" in vars ? "upstream said no" : null);
        expect(readTechnicalText(en, stored).translated, code).not.toMatch(/[а-яё]|\{\w+\}/i);
      }
    });
  }
});
