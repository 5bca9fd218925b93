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
 * The one way every export writes its file: a CSV byte stream over batches of rows (BOM, header
 * row, then each batch), so a million-row export holds one batch in memory. Nothing is read ahead
 * of the consumer, so a response nobody reads (a HEAD, a client gone) never opens its source; the
 * header waits for the first batch, so a source that cannot open fails the download before any
 * byte; a client that goes away stops the source (its `finally` runs through `return()`).
 */
export function csvStream<T>(
  batches: AsyncIterable<readonly T[]>,
  options: {
    header: readonly string[];
    row: (item: T) => readonly CsvValue[];
    separator?: CsvSeparator;
    bom?: boolean;
  },
): ReadableStream<Uint8Array> {
  const separator = options.separator ?? ",";
  const encoder = new TextEncoder();
  const iterator = batches[Symbol.asyncIterator]();
  let started = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          // A pull that enqueues nothing is not called again, so empty batches are read past here.
          let next = await iterator.next();
          while (!next.done && next.value.length === 0) next = await iterator.next();
          let text = next.done ? "" : next.value.map((item) => csvLine(options.row(item), separator)).join("");
          if (!started) {
            started = true;
            text = `${options.bom === false ? "" : CSV_BOM}${csvLine(options.header, separator)}${text}`;
          }
          if (text !== "") controller.enqueue(encoder.encode(text));
          if (next.done) controller.close();
        } catch (error) {
          controller.error(error);
        }
      },
      async cancel() {
        await iterator.return?.();
      },
    },
    { highWaterMark: 0 },
  );
}

/** A CSV download: the stream with the headers and the dated file name every export shares. */
export function csvResponse(stream: ReadableStream<Uint8Array>, name: string): Response {
  return new Response(stream, { headers: csvHeaders(csvFileName(name)) });
}
