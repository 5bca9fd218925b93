import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { UpstreamTimer, withUpstreamTimer } from "@/lib/observability/upstream-timing";
import { OutboundError } from "./errors";
import { fetchJson } from "./fetch-json";

// The transport is undici's Agent, redirect and decompress interceptors; these pin down what the
// hub relies on from it, kept from fetch and the earlier node:http transport (see fetch-json.ts).
type Seen = { method: string; contentType: string | undefined; body: string };
let seen: Seen[] = [];
let base = "";

async function read(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

const routes: Record<string, (res: ServerResponse) => void> = {
  "/json": (res) => res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}'),
  "/bom": (res) => res.writeHead(200).end(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"ой":1}')])),
  "/gzip": (res) => res.writeHead(200, { "content-encoding": "gzip" }).end(gzipSync('{"zipped":true}')),
  "/see-other": (res) => res.writeHead(303, { location: "/json" }).end(),
  // Same server under another name (localhost vs 127.0.0.1): another origin for the client.
  "/elsewhere": (res) => res.writeHead(307, { location: base.replace("127.0.0.1", "localhost") + "/json" }).end(),
  "/brotli": (res) => res.writeHead(200, { "content-encoding": "br" }).end(brotliCompressSync('{"br":true}')),
  "/deflate": (res) => res.writeHead(200, { "content-encoding": "deflate" }).end(deflateSync('{"deflate":true}')),
  // GetCourse and Salebot explain a refusal in the body: an error answer is decoded too.
  "/gzip-refusal": (res) => res.writeHead(403, { "content-encoding": "gzip" }).end(gzipSync('{"error":"key"}')),
  "/same-origin-307": (res) => res.writeHead(307, { location: "/json" }).end(),
  "/found": (res) => res.writeHead(302, { location: "/json" }).end(),
  "/choices": (res) => res.writeHead(300, { location: "/json" }).end(),
  "/loop": (res) => res.writeHead(302, { location: "/loop" }).end(),
  "/busy": (res) => res.writeHead(429, { "retry-after": "7" }).end("{}"),
  "/stalls": (res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.write('{"partial":');
  },
};

const server = createServer((req, res) => {
  void read(req).then((body) => {
    seen.push({ method: req.method ?? "", contentType: req.headers["content-type"], body });
    (routes[req.url ?? ""] ?? ((r: ServerResponse) => r.writeHead(404).end()))(res);
  });
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const call = (path: string, extra: Partial<Parameters<typeof fetchJson>[0]> = {}) =>
  fetchJson({ service: "test", url: `${base}${path}`, timeoutMs: 1_000, ...extra });

describe("fetchJson", () => {
  test("never follows a redirect to another origin: a 307 would carry the POST body (a GetCourse key) there", async () => {
    seen = [];
    const answer = await call("/elsewhere", { method: "POST", body: new URLSearchParams({ key: "school-secret" }) });
    expect(answer.status).toBe(307);
    expect(seen).toHaveLength(1);
  });

  test("follows a same-origin 307 with the POST and its body, and a 302 after a POST with a GET", async () => {
    seen = [];
    expect((await call("/same-origin-307", { method: "POST", body: "k=1" })).json).toEqual({ ok: true });
    expect(seen.map((request) => [request.method, request.body])).toEqual([
      ["POST", "k=1"],
      ["POST", "k=1"],
    ]);
    seen = [];
    expect((await call("/found", { method: "POST", body: "k=1" })).json).toEqual({ ok: true });
    expect(seen.map((request) => [request.method, request.body])).toEqual([
      ["POST", "k=1"],
      ["GET", ""],
    ]);
  });

  test("a 300 and a redirect loop come back as the 3xx itself, as before, not as a transport failure", async () => {
    seen = [];
    expect((await call("/choices")).status).toBe(300);
    expect(seen).toHaveLength(1);
    seen = [];
    expect((await call("/loop")).status).toBe(302);
    expect(seen).toHaveLength(1);
  });

  test("decodes brotli and deflate answers, and a compressed error answer", async () => {
    expect((await call("/brotli")).json).toEqual({ br: true });
    expect((await call("/deflate")).json).toEqual({ deflate: true });
    expect(await call("/gzip-refusal")).toMatchObject({ status: 403, json: { error: "key" } });
  });

  test("parses JSON and sends a form with fetch's default content type", async () => {
    seen = [];
    const answer = await call("/json", { method: "POST", body: new URLSearchParams({ a: "1 2" }) });
    expect(answer).toMatchObject({ status: 200, json: { ok: true } });
    expect(seen[0]).toEqual({
      method: "POST",
      contentType: "application/x-www-form-urlencoded;charset=UTF-8",
      body: "a=1+2",
    });
  });

  test("decodes UTF-8 without the BOM, and compressed answers", async () => {
    expect((await call("/bom")).json).toEqual({ ой: 1 });
    expect((await call("/gzip")).json).toEqual({ zipped: true });
  });

  test("follows a 303 after a POST with a GET, as fetch does", async () => {
    seen = [];
    const answer = await call("/see-other", { method: "POST", body: "x" });
    expect(answer.json).toEqual({ ok: true });
    expect(seen.map((request) => request.method)).toEqual(["POST", "GET"]);
    expect(seen[1]?.body).toBe("");
  });

  test("429 is rate_limited with Retry-After; a stalled body is a timeout that broke off", async () => {
    await expect(call("/busy")).rejects.toMatchObject({ kind: "rate_limited", retryAfterSeconds: 7 });
    const stalled = await call("/stalls", { timeoutMs: 200 }).catch((error: unknown) => error);
    expect(stalled).toBeInstanceOf(OutboundError);
    expect(stalled).toMatchObject({ kind: "timeout" });
    expect((stalled as Error).message).toContain("broke off");
  });

  test("an unreachable service is unavailable, and the call counts as upstream time", async () => {
    const timer = new UpstreamTimer();
    const error = await withUpstreamTimer(timer, () =>
      fetchJson({ service: "test", url: "http://127.0.0.1:1/x", timeoutMs: 500 }),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "unavailable" });
    expect(timer.calls).toBe(1);
    expect(timer.totalMs).toBeGreaterThan(0);
  });
});
