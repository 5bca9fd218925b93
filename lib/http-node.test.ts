import { createServer, type Server } from "node:http";
import { type AddressInfo, connect } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { answerClientError, MAX_BODY_BYTES, serveWebHandler, type WebHandler } from "./http-node";

// serveWebHandler behind a real node:http server: what the handler sees, what the caller gets.

let handler: WebHandler = async () => new Response(null, { status: 204 });
let server: Server;
let base = "";

beforeAll(async () => {
  server = createServer((req, res) => void serveWebHandler(req, res, "TEST /echo", (request) => handler(request)));
  server.on("clientError", answerClientError);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

test("the handler gets the method, query, headers and body; the caller gets its status, headers and body", async () => {
  let seen: { method: string; url: string; auth: string | null; body: unknown } | undefined;
  handler = async (request) => {
    seen = {
      method: request.method,
      url: request.url,
      auth: request.headers.get("authorization"),
      body: await request.json(),
    };
    return Response.json(
      { success: true },
      { status: 201, headers: { "server-timing": "app;dur=1.5", "x-request-id": "abc" } },
    );
  };
  const response = await fetch(`${base}/api/link?token=t&x=1`, {
    method: "POST",
    headers: { authorization: "Bearer secret", "content-type": "application/json" },
    body: JSON.stringify({ email: "анна@example.com" }),
  });
  expect(seen).toEqual({
    method: "POST",
    url: "http://hub.local/api/link?token=t&x=1",
    auth: "Bearer secret",
    body: { email: "анна@example.com" },
  });
  expect(response.status).toBe(201);
  expect(await response.json()).toEqual({ success: true });
  expect(response.headers.get("server-timing")).toBe("app;dur=1.5");
  expect(response.headers.get("x-request-id")).toBe("abc");
  expect(response.headers.get("content-type")).toBe("application/json");
  // The baseline every API answer carries.
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  expect(response.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
  expect(response.headers.get("cache-control")).toBe("no-store");
});

test("a form body reads as a form", async () => {
  handler = async (request) => Response.json(Object.fromEntries(await request.formData()));
  const response = await fetch(`${base}/api/link`, {
    method: "POST",
    body: new URLSearchParams({ email: "a@b.c", sb_id: "7" }),
  });
  expect(await response.json()).toEqual({ email: "a@b.c", sb_id: "7" });
});

test("a body over the limit is a 413 envelope, the handler never runs, and the connection is closed", async () => {
  let ran = false;
  handler = async () => {
    ran = true;
    return new Response(null, { status: 204 });
  };
  const response = await fetch(`${base}/api/link`, { method: "POST", body: "x".repeat(MAX_BODY_BYTES + 1) });
  expect(response.status).toBe(413);
  expect(response.headers.get("connection")).toBe("close");
  expect(await response.json()).toMatchObject({
    success: false,
    error: "payload_too_large",
    requestId: expect.any(String),
  });
  expect(ran).toBe(false);
});

test("a handler that throws is a 500 envelope without the error's text", async () => {
  handler = async () => {
    throw new Error("secret detail");
  };
  const response = await fetch(`${base}/api/link`, { method: "POST", body: "{}" });
  expect(response.status).toBe(500);
  const text = await response.text();
  expect(JSON.parse(text)).toMatchObject({ success: false, error: "internal_error" });
  expect(text).not.toContain("secret detail");
});

test("a request line over Node's 16 KiB limit is a 431 envelope, not a bare status line", async () => {
  const response = await fetch(`${base}/api/link?token=${"x".repeat(20_000)}`, { method: "POST", body: "{}" });
  expect(response.status).toBe(431);
  expect(response.headers.get("content-type")).toBe("application/json");
  expect(response.headers.get("x-content-type-options")).toBe("nosniff");
  expect(await response.json()).toMatchObject({
    success: false,
    error: "headers_too_large",
    requestId: expect.any(String),
  });
});

test("bytes that are not HTTP get a 400 envelope and the connection is closed", async () => {
  const port = (server.address() as AddressInfo).port;
  const answer = await new Promise<string>((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () => socket.write("HELLO\r\n\r\n"));
    let text = "";
    socket.on("data", (chunk) => (text += chunk.toString()));
    socket.on("end", () => resolve(text));
    socket.on("error", reject);
  });
  expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
  expect(answer).toContain("connection: close");
  expect(JSON.parse(answer.slice(answer.indexOf("\r\n\r\n") + 4))).toMatchObject({
    success: false,
    error: "bad_request",
  });
});
