import { describe, expect, test } from "vitest";
import { z } from "zod";
import { HttpError, type Principal, route } from "./http";
import { parseServerTiming, timeUpstream } from "./observability/upstream-timing";

const open = (): Principal => ({ kind: "public" });
const denied = (): Principal => {
  throw new HttpError(401, "unauthorized", "A token is required.");
};

const echo = route(
  { name: "POST /echo", auth: open, body: z.object({ email: z.email(), count: z.coerce.number().int() }) },
  ({ body }) => ({ got: body }),
);

function post(body: string, contentType = "application/json", headers: Record<string, string> = {}) {
  return new Request("http://hub.test/echo", {
    method: "POST",
    body,
    headers: { "content-type": contentType, ...headers },
  });
}

describe("route()", () => {
  test("parses a JSON body with zod and answers with the handler's result", async () => {
    const response = await echo(post(JSON.stringify({ email: "a@b.ru", count: "3" })));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ got: { email: "a@b.ru", count: 3 } });
  });

  test("reads form bodies the same way", async () => {
    const response = await echo(post("email=a%40b.ru&count=2", "application/x-www-form-urlencoded"));
    expect(await response.json()).toEqual({ got: { email: "a@b.ru", count: 2 } });
  });

  test("invalid input is a 400 envelope naming each field", async () => {
    const response = await echo(post(JSON.stringify({ email: "nope", count: 1 })));
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(body).toMatchObject({ success: false, error: "bad_request", details: [{ field: "email" }] });
    expect(body.requestId).toEqual(response.headers.get("x-request-id"));
  });

  test("malformed JSON is a 400, not a crash", async () => {
    const response = await echo(post("{not json"));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: "bad_request", message: "The body is not valid JSON." });
  });

  test("the guard runs before anything is parsed", async () => {
    const guarded = route({ name: "POST /guarded", auth: denied, body: z.object({ x: z.string() }) }, () => ({
      ok: true,
    }));
    const response = await guarded(post("{not json"));
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ success: false, error: "unauthorized" });
  });

  test("typed errors keep their status and code; unknown errors become a bare 500", async () => {
    const missing = route({ name: "GET /missing", auth: open }, () => {
      throw new HttpError(404, "not_found", "No such link.");
    });
    expect((await missing(new Request("http://hub.test/missing"))).status).toBe(404);

    const broken = route({ name: "GET /broken", auth: open }, () => {
      throw new Error("password=hunter2 leaked in a driver message");
    });
    const response = await broken(new Request("http://hub.test/broken"));
    expect(response.status).toBe(500);
    const text = await response.text();
    expect(text).toContain('"error":"internal_error"');
    expect(text).not.toContain("hunter2");
  });

  test("Prisma's unique violation maps to 409 conflict", async () => {
    const duplicate = route({ name: "POST /dup", auth: open }, () => {
      throw Object.assign(new Error("Unique constraint failed"), { code: "P2002" });
    });
    const response = await duplicate(new Request("http://hub.test/dup", { method: "POST" }));
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ error: "conflict" });
  });

  test("a well-formed incoming request id is kept, a hostile one replaced", async () => {
    const ok = route({ name: "GET /id", auth: open }, ({ requestId }) => ({ requestId }));
    const kept = await ok(new Request("http://hub.test/id", { headers: { "x-request-id": "abc-123-def" } }));
    expect(await kept.json()).toEqual({ requestId: "abc-123-def" });
    const replaced = await ok(new Request("http://hub.test/id", { headers: { "x-request-id": "<script>" } }));
    expect((await replaced.json()).requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  test("query parameters are parsed with their own schema", async () => {
    const list = route(
      { name: "GET /list", auth: open, query: z.object({ page: z.coerce.number().int().min(1).default(1) }) },
      ({ query }) => ({ page: query.page }),
    );
    expect(await (await list(new Request("http://hub.test/list?page=4"))).json()).toEqual({ page: 4 });
    expect((await list(new Request("http://hub.test/list?page=0"))).status).toBe(400);
  });

  test("Server-Timing reports upstream time (overlaps once) and the whole handler time, errors too", async () => {
    const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
    const calling = route({ name: "GET /calls", auth: open }, async () => {
      await Promise.all([timeUpstream(() => sleep(30)), timeUpstream(() => sleep(30))]);
      await sleep(10);
      return { ok: true };
    });
    const timing = parseServerTiming(
      (await calling(new Request("http://hub.test/calls"))).headers.get("server-timing"),
    );
    expect(timing.upstreamMs).toBeGreaterThanOrEqual(25);
    expect(timing.upstreamMs).toBeLessThan(55);
    expect(timing.appMs).toBeGreaterThanOrEqual((timing.upstreamMs ?? 0) + 5);

    const failing = route({ name: "GET /fails", auth: denied }, () => ({ ok: true }));
    const header = (await failing(new Request("http://hub.test/fails"))).headers.get("server-timing");
    expect(parseServerTiming(header)).toMatchObject({ upstreamMs: 0 });
  });
});
