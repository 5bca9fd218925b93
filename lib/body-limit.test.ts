import { createServer, type IncomingMessage, type Server } from "node:http";
import { type AddressInfo, connect } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { MAX_REQUEST_BODY_BYTES, readLimitedBody } from "./http";
import { limitRequestBody } from "./http-node";

// Issue 13.3: an anonymous 100 MB POST to /api/auth/callback/credentials was read whole. The gate
// scripts/server.ts runs before Next; here a handler that reads everything stands in for Next.

let bytesRead = 0;
let server: Server;
let port = 0;

async function readAll(req: IncomingMessage): Promise<number> {
  let size = 0;
  for await (const chunk of req) size += (chunk as Buffer).length;
  return size;
}

beforeAll(async () => {
  server = createServer((req, res) => {
    if (!limitRequestBody(req, res, MAX_REQUEST_BODY_BYTES)) return;
    void readAll(req).then(
      (size) => {
        bytesRead += size;
        if (!res.headersSent) res.writeHead(200).end(String(size));
      },
      () => {},
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** Sends a raw request and returns what came back before the server hung up. */
function raw(head: string, body: (write: (chunk: string) => boolean) => void): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1", () => {
      socket.write(head);
      body((chunk) => socket.write(chunk));
    });
    let answer = "";
    socket.on("data", (chunk) => (answer += chunk.toString()));
    socket.on("error", () => resolve(answer));
    socket.on("close", () => resolve(answer));
  });
}

test("a declared 100 MB body is refused with the 413 envelope before a byte of it is read", async () => {
  bytesRead = 0;
  const answer = await raw(
    "POST /api/auth/callback/credentials HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 104857600\r\n\r\n",
    (write) => write("email=a".repeat(1000)),
  );
  expect(answer).toMatch(/^HTTP\/1\.1 413/);
  expect(answer).toContain('"error":"payload_too_large"');
  expect(bytesRead).toBe(0);
});

test("a chunked body is cut off with 413 once it passes the limit, and the reader never sees the excess", async () => {
  bytesRead = 0;
  const chunk = "x".repeat(64 * 1024);
  const answer = await raw("POST /login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n", (write) => {
    for (let i = 0; i < 40; i++) write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
  });
  expect(answer).toMatch(/^HTTP\/1\.1 413/);
  expect(bytesRead).toBeLessThanOrEqual(MAX_REQUEST_BODY_BYTES);
});

test("bodies within the limit pass untouched, declared or chunked", async () => {
  const small = await fetch(`http://127.0.0.1:${port}/`, { method: "POST", body: "a=1" });
  expect(await small.text()).toBe("3");
  const stream = new ReadableStream({
    start(controller) {
      controller.enqueue(new TextEncoder().encode("y".repeat(1000)));
      controller.close();
    },
  });
  const chunked = await fetch(`http://127.0.0.1:${port}/`, {
    method: "POST",
    body: stream,
    duplex: "half",
  } as RequestInit);
  expect(await chunked.text()).toBe("1000");
});

test("many oversized requests at once are all refused and the server keeps answering", async () => {
  const head = "POST /api/auth/callback/credentials HTTP/1.1\r\nHost: x\r\nContent-Length: 104857600\r\n\r\n";
  const answers = await Promise.all(Array.from({ length: 50 }, () => raw(head, (write) => write("x".repeat(1024)))));
  expect(answers.every((answer) => answer.startsWith("HTTP/1.1 413"))).toBe(true);
  expect((await fetch(`http://127.0.0.1:${port}/`, { method: "POST", body: "ok" })).status).toBe(200);
});

test("route handlers called directly read at most the limit too", async () => {
  const big = new Request("http://hub.local/api/x", { method: "POST", body: "z".repeat(MAX_REQUEST_BODY_BYTES + 1) });
  await expect(readLimitedBody(big)).rejects.toMatchObject({ status: 413, code: "payload_too_large" });
  const declared = new Request("http://hub.local/api/x", {
    method: "POST",
    headers: { "content-length": "999999999" },
    body: "z",
  });
  await expect(readLimitedBody(declared)).rejects.toMatchObject({ status: 413 });
});
