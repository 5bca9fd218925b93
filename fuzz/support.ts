import fc from "fast-check";
import pg from "pg";
import { afterAll, expect } from "vitest";

/**
 * Shared pieces of the fuzz suite: hostile value generators, the envelope check every non-2xx
 * answer must pass, and row counts of every table so a rejected request can be shown to have
 * stored nothing.
 */

export const FUZZ_RUNS = 10_000;

// Collected rather than thrown: a rejection that escapes a handler would otherwise surface as an
// unrelated failure in whichever test happens to be running when it fires.
const unhandled: unknown[] = [];
process.on("unhandledRejection", (reason) => unhandled.push(reason));
afterAll(() => {
  expect(unhandled, "unhandled promise rejections").toEqual([]);
});

// ---------------------------------------------------------------------------------------------
// Generators

const HOSTILE_STRINGS = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\\u0000",
  "\ud800",
  "\udfff",
  "\ud83d\ude00",
  "\u202e",
  "\ufeff",
  "<script>alert(1)</script>",
  '=HYPERLINK("http://x","y")',
  "+1",
  "-1",
  "@SUM(A1)",
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "null",
  "undefined",
  "NaN",
  "Infinity",
  "-0",
  "1e309",
  "99999999999999999999999",
  "0x1f",
  "' OR 1=1 --",
  "%00",
  "%zz",
  "../../etc/passwd",
  "тест@пример.рф",
  "user@example.com",
  " USER@Example.COM ",
  "a@b",
  "@",
  "a".repeat(300),
  "9".repeat(21),
];

/** Strings that break naive code: control characters, lone surrogates, huge, formula and markup. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...HOSTILE_STRINGS), weight: 4 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 3 },
  { arbitrary: fc.string({ unit: "binary", maxLength: 40 }), weight: 3 },
  { arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }), weight: 2 },
  // Huge: past the 256 KiB webhook limit at the top end, rare so 10,000 runs stay quick.
  { arbitrary: fc.constantFrom(1_000, 20_000, 300_000).map((n) => "x".repeat(n)), weight: 1 },
  { arbitrary: fc.bigInt({ min: -(10n ** 25n), max: 10n ** 25n }).map(String), weight: 2 },
);

/** Any JSON-ish value a careless client could send in place of a string. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, Number.MAX_SAFE_INTEGER, 1e308, -1e308),
  fc.double(),
  fc.integer(),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** A field value: usually a hostile string, sometimes the wrong type, sometimes left out. */
export const fieldValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileString, weight: 5 },
  { arbitrary: wrongType, weight: 2 },
  { arbitrary: fc.constant(undefined), weight: 1 },
);

/** `[[[[…]]]]` or `{"a":{"a":…}}` nested up to thousands deep, as raw JSON text. */
export const deepNesting: fc.Arbitrary<string> = fc
  .tuple(fc.integer({ min: 50, max: 5_000 }), fc.boolean())
  .map(([depth, arrays]) =>
    arrays ? `${"[".repeat(depth)}${"]".repeat(depth)}` : `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`,
  );

/** Text that is not JSON, or JSON of the wrong shape. */
export const garbageText: fc.Arbitrary<string> = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: "binary", maxLength: 200 }),
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value) ?? "null"),
  fc.constantFrom(
    "{",
    "[",
    "}",
    '{"a":}',
    "{'a':1}",
    "null",
    "true",
    "1",
    '"x"',
    "[]",
    "{}",
    "\u0000",
    '{"a":"\\ud800"}',
    "\ufeff{}",
  ),
  deepNesting,
);

export const CONTENT_TYPES = [
  undefined,
  "application/json",
  "application/json; charset=utf-8",
  "text/plain",
  "application/x-www-form-urlencoded",
  "application/x-www-form-urlencoded; charset=windows-1251",
  "multipart/form-data",
  "multipart/form-data; boundary=zzz",
  "application/xml",
  "*/*",
  "",
] as const;

export const contentType: fc.Arbitrary<string | undefined> = fc.constantFrom(...CONTENT_TYPES);

/** JSON text with one key given twice: which value wins must not matter for safety. */
export function duplicateKeysJson(record: Record<string, unknown>, key: string, second: unknown): string {
  const text = JSON.stringify(record);
  const extra = `${JSON.stringify(key)}:${JSON.stringify(second ?? null)}`;
  return text === "{}" ? `{${extra}}` : `${text.slice(0, -1)},${extra}}`;
}

/** The body of a request, in one of the encodings a caller could pick. */
export type EncodedBody = { body: BodyInit | undefined; contentType: string | undefined; label: string };

function formValue(value: unknown): string {
  return typeof value === "string" ? value : (JSON.stringify(value) ?? "");
}

/** Encodes a record as JSON, a form, multipart, duplicate-key JSON, or under a mismatched content type. */
export function encodedBody(record: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<EncodedBody> {
  return fc.oneof(
    record.map((r) => ({ body: JSON.stringify(r), contentType: "application/json", label: "json" })),
    record.map((r) => {
      const form = new URLSearchParams();
      for (const [key, value] of Object.entries(r)) if (value !== undefined) form.append(key, formValue(value));
      return { body: form.toString(), contentType: "application/x-www-form-urlencoded", label: "form" };
    }),
    record.map((r) => {
      const form = new FormData();
      for (const [key, value] of Object.entries(r)) if (value !== undefined) form.append(key, formValue(value));
      return { body: form, contentType: undefined, label: "multipart" };
    }),
    fc.tuple(record, fc.string({ maxLength: 10 }), fieldValue).map(([r, key, second]) => {
      const keys = Object.keys(r);
      const dup = keys.length > 0 ? (keys[key.length % keys.length] ?? key) : key;
      return { body: duplicateKeysJson(r, dup, second), contentType: "application/json", label: "duplicate-keys" };
    }),
    fc
      .tuple(record, contentType)
      .map(([r, type]) => ({ body: JSON.stringify(r), contentType: type, label: "json-as-other-type" })),
    fc.tuple(garbageText, contentType).map(([text, type]) => ({ body: text, contentType: type, label: "garbage" })),
    fc.constant({ body: undefined, contentType: "application/json", label: "empty" }),
  );
}

export type TokenPlacement = { header?: string; query?: string; valid: boolean };

/** The link or read token: right, wrong, empty, missing, in the header or the query. */
export function tokenPlacement(token: string): fc.Arbitrary<TokenPlacement> {
  const wrong = fc.oneof(
    fc.constantFrom("", " ", "null", token.slice(0, -1), `${token}x`, token.toUpperCase(), ` ${token}x`, "Bearer"),
    fc.string({ minLength: 1, maxLength: 64 }).filter((s) => s.trim() !== token),
  );
  // Header values must be ByteStrings (Latin-1) without CR/LF, or `new Request` itself throws.
  const headerSafe = (s: string) => /^[\x20-\x7e]*$/.test(s);
  return fc.oneof(
    { arbitrary: fc.constant({ header: `Bearer ${token}`, valid: true }), weight: 6 },
    { arbitrary: fc.constant({ query: token, valid: true }), weight: 2 },
    { arbitrary: fc.constant({ header: `bearer   ${token}  `, valid: true }), weight: 1 },
    { arbitrary: fc.constant({ valid: false }), weight: 1 },
    { arbitrary: wrong.filter(headerSafe).map((w) => ({ header: `Bearer ${w}`, valid: false })), weight: 1 },
    { arbitrary: wrong.map((w) => ({ query: w, valid: false })), weight: 1 },
    {
      arbitrary: fc
        .constantFrom("Basic Zm9vOmJhcg==", token, `Token ${token}`, "")
        .map((h) => ({ header: h, valid: false })),
      weight: 1,
    },
  );
}

/** Extra query parameters that a route should ignore or reject cleanly. */
export const queryGarbage: fc.Arbitrary<string> = fc.oneof(
  fc.constant(""),
  fc
    .array(fc.tuple(hostileString, hostileString), { maxLength: 4 })
    .map((pairs) =>
      pairs.map(([k, v]) => `${encodeURIComponent(toWellFormed(k))}=${encodeURIComponent(toWellFormed(v))}`).join("&"),
    ),
  fc.constantFrom(
    "%",
    "%zz=1",
    "a=%E0%A4%A",
    "&&&",
    "=",
    "a",
    "a=1&a=2",
    "token",
    "token=",
    "%00=%00",
    "__proto__=1",
    "a[b]=1",
  ),
);

/** encodeURIComponent throws on lone surrogates; a URL cannot carry them anyway. */
export function toWellFormed(text: string): string {
  return text.replace(/[\ud800-\udfff]/g, (c, i: number, s: string) => {
    const code = c.charCodeAt(0);
    if (code <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      return next >= 0xdc00 && next <= 0xdfff ? c : "\ufffd";
    }
    const prev = s.charCodeAt(i - 1);
    return prev >= 0xd800 && prev <= 0xdbff ? c : "\ufffd";
  });
}

export function withQuery(base: string, parts: Array<string | undefined>): string {
  const query = parts.filter((part): part is string => !!part).join("&");
  return query ? `${base}?${query}` : base;
}

export function buildHeaders(token: TokenPlacement, type: string | undefined): Headers {
  const headers = new Headers();
  if (token.header !== undefined) headers.set("authorization", token.header);
  if (type !== undefined) headers.set("content-type", type);
  return headers;
}

// ---------------------------------------------------------------------------------------------
// Answers

export type Answer = { status: number; body: unknown; text: string; contentType: string | null };

export async function readAnswer(response: Response): Promise<Answer> {
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = JSON.parse(text) as unknown;
  } catch {
    body = undefined;
  }
  return { status: response.status, body, text, contentType: response.headers.get("content-type") };
}

/** Status below 500; every non-2xx answer is the JSON error envelope of lib/http.ts. */
export function expectWellFormed(answer: Answer, context: string): void {
  if (answer.status >= 500) throw new Error(`${context}: HTTP ${answer.status}: ${answer.text.slice(0, 500)}`);
  if (answer.status >= 200 && answer.status < 300) return;
  const body = answer.body as Record<string, unknown> | undefined;
  const ok =
    answer.contentType?.startsWith("application/json") === true &&
    !!body &&
    body.success === false &&
    typeof body.error === "string" &&
    typeof body.message === "string" &&
    typeof body.requestId === "string" &&
    (body.details === undefined || Array.isArray(body.details));
  if (!ok)
    throw new Error(`${context}: HTTP ${answer.status} without the error envelope: ${answer.text.slice(0, 500)}`);
}

// ---------------------------------------------------------------------------------------------
// Stored data

let pool: pg.Pool | undefined;
afterAll(async () => {
  await pool?.end();
});

function database(): pg.Pool {
  if (!pool) {
    pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
    // The per-file database is dropped WITH (FORCE) at the end; an idle client's error then is expected.
    pool.on("error", () => {});
  }
  return pool;
}

let countSql: string | undefined;

/**
 * Row counts of every table the hub owns plus the job queue: one query, so a sample of rejected
 * requests can be bracketed by two snapshots without slowing the run much.
 */
export async function tableCounts(): Promise<Record<string, number>> {
  if (!countSql) {
    const { rows } = await database().query<{ schema: string; name: string }>(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
        WHERE table_type = 'BASE TABLE' AND table_schema IN ('public', 'pgboss') AND table_name <> '_prisma_migrations'
          AND table_name NOT IN ('version', 'schedule', 'subscription', 'queue')
          -- Coordination, not stored data: a link's lease is given up after its answer (so an earlier
          -- accepted call's lease may vanish between two snapshots), and every submission, refused or
          -- not, spends from its rate limit.
          AND table_name NOT IN ('link_key_leases', 'rate_limits')
        ORDER BY 1, 2`,
    );
    countSql = rows
      .map(({ schema, name }) => `SELECT '${schema}.${name}' AS t, count(*)::int AS n FROM "${schema}"."${name}"`)
      .join(" UNION ALL ");
  }
  const { rows } = await database().query<{ t: string; n: number }>(countSql);
  return Object.fromEntries(rows.map((row) => [row.t, row.n]));
}

/** Re-reads the table list next time (the job queue creates its schema on first use). */
export function forgetTables(): void {
  countSql = undefined;
}

// ---------------------------------------------------------------------------------------------
// Runners

/**
 * fast-check's own report prints the whole counterexample; with megabyte strings in it the
 * failure becomes unreadable, so long runs of one character are folded and the text is capped.
 */
export function shortReport<T>(details: fc.RunDetails<T>): void {
  if (!details.failed) return;
  const text = fc
    .defaultReportMessage(details)
    ?.replace(/(.)\1{40,}/gs, (run: string, c: string) => `${c.repeat(8)}…(${run.length}×)`);
  const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  const report = `${cause.slice(0, 1_500)}\n${text ?? ""}`;
  throw new Error(report.length > 6_000 ? `${report.slice(0, 6_000)}…` : report);
}

export type FuzzStats = { runs: number; statuses: Record<string, number>; countChecks: number };

export function tally(stats: FuzzStats, status: number | string): void {
  stats.statuses[status] = (stats.statuses[status] ?? 0) + 1;
}

/**
 * Sends `numRuns` generated requests. Every answer must be well formed; every `sampleEvery`-th
 * request is bracketed by row counts, and if it was rejected (4xx) nothing may have changed.
 */
export async function fuzzRequests<T>(options: {
  arbitrary: fc.Arbitrary<T>;
  send: (input: T) => Promise<Answer>;
  /** Extra checks on an answer (e.g. a 2xx body's shape, or "this input must be rejected"). */
  check?: (answer: Answer, input: T) => void;
  numRuns?: number;
  sampleEvery?: number;
  label: string;
}): Promise<FuzzStats> {
  const stats: FuzzStats = { runs: 0, statuses: {}, countChecks: 0 };
  const sampleEvery = options.sampleEvery ?? 10;
  await fc.assert(
    fc.asyncProperty(options.arbitrary, async (input) => {
      stats.runs += 1;
      const sampled = stats.runs % sampleEvery === 0;
      const before = sampled ? await tableCounts() : undefined;
      const answer = await options.send(input);
      tally(stats, answer.status);
      expectWellFormed(answer, options.label);
      options.check?.(answer, input);
      if (before && answer.status >= 400) {
        stats.countChecks += 1;
        expect(await tableCounts(), `${options.label}: a rejected request changed stored data`).toEqual(before);
      }
    }),
    { numRuns: options.numRuns ?? FUZZ_RUNS, reporter: shortReport },
  );
  return stats;
}

/** Requests that must all be rejected (4xx): the whole batch may not change a single row count. */
export async function fuzzRejected<T>(options: {
  arbitrary: fc.Arbitrary<T>;
  send: (input: T) => Promise<Answer>;
  numRuns?: number;
  label: string;
}): Promise<FuzzStats> {
  forgetTables();
  const before = await tableCounts();
  const stats: FuzzStats = { runs: 0, statuses: {}, countChecks: 1 };
  await fc.assert(
    fc.asyncProperty(options.arbitrary, async (input) => {
      stats.runs += 1;
      const answer = await options.send(input);
      tally(stats, answer.status);
      expectWellFormed(answer, options.label);
      if (answer.status < 400 || answer.status >= 500)
        throw new Error(`${options.label}: expected a rejection, got ${answer.status}: ${answer.text.slice(0, 300)}`);
    }),
    { numRuns: options.numRuns ?? 2_000, reporter: shortReport },
  );
  expect(await tableCounts(), `${options.label}: rejected requests changed stored data`).toEqual(before);
  return stats;
}

/** One line per fuzzed endpoint in the test output, so a run shows what it exercised. */
export function report(label: string, stats: FuzzStats): void {
  const statuses = Object.entries(stats.statuses)
    .map(([status, n]) => `${status}×${n}`)
    .join(" ");
  console.log(`[fuzz] ${label}: ${stats.runs} requests (${statuses}); ${stats.countChecks} row-count checks`);
}
