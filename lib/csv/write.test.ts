import { describe, expect, test } from "vitest";
import { csvCell, csvLine, csvSeparator, csvStream } from "./write";

test.each([
  ["=1+2", "'=1+2"],
  ["+79001234567", "'+79001234567"],
  ["-5", "'-5"],
  ["@SUM(A1)", "'@SUM(A1)"],
  ["\tcmd", "'\tcmd"],
  ["\rcmd", `"'\rcmd"`],
  ["plain", "plain"],
  ["Анна, Москва", `"Анна, Москва"`],
  ['say "hi"', `"say ""hi"""`],
  ["two\nlines", `"two\nlines"`],
])("text %j is written %j", (value, expected) => {
  expect(csvCell(value)).toBe(expected);
});

test("numbers, flags and empties are ours and stay as they are", () => {
  expect(csvCell(-150.5)).toBe("-150.5");
  expect(csvCell(true)).toBe("true");
  expect(csvCell(null)).toBe("");
  expect(csvCell(undefined)).toBe("");
});

test("the separator decides what needs quotes", () => {
  expect(csvSeparator("semicolon")).toBe(";");
  expect(csvSeparator(null)).toBe(",");
  expect(csvLine(["a;b", "c,d", 1], ";")).toBe(`"a;b";c,d;1\r\n`);
  expect(csvLine(["a;b", "c,d", 1])).toBe(`a;b,"c,d",1\r\n`);
});

describe("csvStream", () => {
  const header = ["n", "name"];
  const row = (item: { n: number; name: string }) => [item.n, item.name];
  // Response.text() would drop the byte-order mark this checks.
  const text = async (stream: ReadableStream<Uint8Array>) =>
    new TextDecoder("utf-8", { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());

  test("BOM and header come with the first batch; every batch follows; an empty source is the header alone", async () => {
    async function* two() {
      yield [{ n: 1, name: "a;b" }];
      yield [];
      yield [{ n: 2, name: "=x" }];
    }
    expect(await text(csvStream(two(), { header, row, separator: ";" }))).toBe(`\uFEFFn;name\r\n1;"a;b"\r\n2;'=x\r\n`);
    async function* none() {}
    expect(await text(csvStream(none(), { header, row, bom: false }))).toBe("n,name\r\n");
  });

  test("nothing is read before the consumer asks, and a source that fails to open fails before any byte", async () => {
    let opened = false;
    async function* failing(): AsyncGenerator<{ n: number; name: string }[]> {
      opened = true;
      throw new Error("no connection");
    }
    const stream = csvStream(failing(), { header, row });
    await Promise.resolve();
    expect(opened).toBe(false);
    const reader = stream.getReader();
    await expect(reader.read()).rejects.toThrow("no connection");
    expect(opened).toBe(true);
  });

  test("a consumer that goes away stops the source (its finally runs)", async () => {
    let stopped = false;
    async function* endless() {
      try {
        for (let n = 0; ; n++) yield [{ n, name: "x" }];
      } finally {
        stopped = true;
      }
    }
    const reader = csvStream(endless(), { header, row }).getReader();
    await reader.read();
    await reader.cancel();
    expect(stopped).toBe(true);
  });
});
