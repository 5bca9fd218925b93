/**
 * CSV for people and spreadsheets: UTF-8, a header row, CRLF line ends, comma or (for Russian
 * locales, `?sep=semicolon`) semicolon. Text that a spreadsheet would run as a formula (starting
 * with = + - @, a tab or a carriage return) gets a leading apostrophe, so an e-mail or offer name
 * typed by a customer can never execute in the marketer's spreadsheet.
 */
import { getEnv } from "@/lib/env";
import { dayIn, isoInZone } from "@/lib/i18n/format";

export type CsvSeparator = "," | ";";
export type CsvValue = string | number | boolean | Date | null | undefined;

/** Excel reads a file as UTF-8 only when it starts with this mark; other tools skip it. */
export const CSV_BOM = "\uFEFF";

export function csvSeparator(param: string | null | undefined): CsvSeparator {
  return param === "semicolon" || param === ";" ? ";" : ",";
}

// Spreadsheets skip leading blanks before reading `=`, so " =HYPERLINK(…)" is a formula too.
const FORMULA_START = /^[\s\u200b]*[=+\-@\t\r]/;

export function csvCell(value: CsvValue, separator: CsvSeparator = ","): string {
  if (value === null || value === undefined) return "";
  // The school's time with its offset: what the dashboard shows, and still one exact instant.
  if (value instanceof Date) return isoInZone(value, getEnv().TIME_ZONE);
  // Numbers and flags are written by us, not typed by anyone: a negative amount stays a number.
  let text = (typeof value === "string" ? value : String(value)).replaceAll("\0", "");
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  const needsQuotes = text.includes(separator) || text.includes('"') || text.includes("\n") || text.includes("\r");
  return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: readonly CsvValue[], separator: CsvSeparator = ","): string {
  return `${values.map((value) => csvCell(value, separator)).join(separator)}\r\n`;
}

/** `<name>-<YYYY-MM-DD>.csv`, dated by the school's calendar, not the server's. */
export function csvFileName(name: string, at: Date = new Date()): string {
  return `${name}-${dayIn(getEnv().TIME_ZONE, at)}.csv`;
}

/** The headers of a CSV download; `filename` is ASCII. */
export function csvHeaders(filename: string): HeadersInit {
  return {
    "content-type": "text/csv; charset=utf-8",
    "content-disposition": `attachment; filename="${filename}"`,
    "cache-control": "no-store",
    // A browser must never read a customer-typed name in the file as HTML or script.
    "x-content-type-options": "nosniff",
  };
}

/**
 * A CSV byte stream from batches pulled on demand (BOM, header row, then each batch), so a
 * million-row export holds one batch in memory and stops reading when the client goes away.
 */
export function csvStream<T>(options: {
  header: readonly string[];
  row: (item: T) => readonly CsvValue[];
  /** The next batch; an empty array ends the file. */
  next: () => Promise<T[]>;
  close?: (ok: boolean) => Promise<void>;
  separator?: CsvSeparator;
  bom?: boolean;
}): ReadableStream<Uint8Array> {
  const separator = options.separator ?? ",";
  const encoder = new TextEncoder();
  let closed = false;
  const finish = async (ok: boolean) => {
    if (closed) return;
    closed = true;
    await options.close?.(ok);
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(`${options.bom === false ? "" : CSV_BOM}${csvLine(options.header, separator)}`));
    },
    async pull(controller) {
      try {
        const batch = await options.next();
        if (batch.length === 0) {
          await finish(true);
          controller.close();
          return;
        }
        controller.enqueue(encoder.encode(batch.map((item) => csvLine(options.row(item), separator)).join("")));
      } catch (error) {
        await finish(false);
        controller.error(error);
      }
    },
    async cancel() {
      await finish(false);
    },
  });
}
