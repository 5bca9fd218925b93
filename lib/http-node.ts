import { randomUUID } from "node:crypto";
import { STATUS_CODES, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { Duplex } from "node:stream";
import { errorBody, HttpError, toHttpError } from "@/lib/http";

/**
 * Answering straight from Node's HTTP server (scripts/server.ts), before Next's request pipeline:
 * the paths machines call at high rates (the Salebot webhook, a bot's link calls) skip its
 * millisecond or so of CPU per request. Same envelope and headers as the Next app's API routes.
 */

export const MAX_BODY_BYTES = 256 * 1024;

/** After the answer to an oversized body, how much more of it we read before hanging up. */
const MAX_DRAIN_BYTES = 8 * 1024 * 1024;

function tooLarge(): HttpError {
  return new HttpError(413, "payload_too_large", "The body is larger than 256 KiB.");
}

export function readNodeBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"]);
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    const overflow = () => {
      over = true;
      chunks.length = 0;
      reject(tooLarge());
    };
    if (Number.isFinite(declared) && declared > MAX_BODY_BYTES) overflow();
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      // Destroying the request here would reset the socket before the 413 goes out, so the
      // caller would see a dropped connection instead of the envelope: the rest is read and
      // dropped instead, up to a bound, and the connection is closed after the answer.
      if (over) {
        if (size > MAX_DRAIN_BYTES) req.destroy();
        return;
      }
      if (size > MAX_BODY_BYTES) {
        overflow();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (!over) resolve(Buffer.concat(chunks));
    });
    req.on("error", reject);
  });
}

/**
 * Headers every answer of the lean paths carries: the same baseline as the Next app's (see
 * next.config.mjs) for a JSON API: no sniffing, no framing, no referrer, not cached.
 */
export const LEAN_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  "cache-control": "no-store",
};

/**
 * The size gate every request passes in scripts/server.ts before Next (or anything) reads its
 * body: a declared Content-Length over `limit` is answered 413 at once, without reading; a body
 * without one (chunked) is counted as Node's parser hands it over, and the request is cut off with
 * a 413 once it passes the limit. Returns false when it has already answered.
 */
export function limitRequestBody(req: IncomingMessage, res: ServerResponse, limit: number): boolean {
  const refuse = () => {
    if (!res.headersSent) {
      const http = new HttpError(413, "payload_too_large", `The body is larger than ${Math.round(limit / 1024)} KiB.`);
      const requestId = randomUUID();
      sendJson(res, http.status, errorBody(http, requestId), requestId);
    }
    // Nothing more of this body is wanted; the socket goes once the answer is out.
    res.once("finish", () => req.socket.destroy());
  };
  const declared = req.headers["content-length"];
  if (declared !== undefined && Number(declared) > limit) {
    refuse();
    return false;
  }
  if (declared !== undefined || req.headers["transfer-encoding"] === undefined) return true; // the parser enforces a declared length
  // node:http's parser delivers the body through push(); counting there caps it before any reader
  // (Next's body parsing included) buffers it.
  const push = req.push.bind(req);
  let size = 0;
  let over = false;
  req.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (over) return false;
    if (chunk !== null && (typeof chunk === "string" || chunk instanceof Uint8Array)) {
      size += chunk.length;
      if (size > limit) {
        over = true;
        refuse();
        return false;
      }
    }
    return push(chunk, encoding);
  };
  return true;
}

function writeAnswer(res: ServerResponse, status: number, headers: Record<string, string>, body: Buffer): void {
  res.writeHead(status, {
    ...headers,
    ...LEAN_SECURITY_HEADERS,
    "content-length": body.length,
    // The rest of an oversized body is not worth keeping the connection for.
    ...(status === 413 ? { connection: "close" } : {}),
  });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, body: unknown, requestId: string): void {
  writeAnswer(
    res,
    status,
    { "content-type": "application/json", "x-request-id": requestId },
    Buffer.from(JSON.stringify(body)),
  );
}

/** Answers a thrown error with the envelope, mapped as the Next routes map it (lib/http.ts); returns the status. */
export function sendError(res: ServerResponse, error: unknown, requestId: string, routeName: string): number {
  const http = toHttpError(error, requestId, routeName);
  if (!res.headersSent) sendJson(res, http.status, errorBody(http, requestId), requestId);
  return http.status;
}

function webHeaders(incoming: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  return headers;
}

export type WebHandler = (request: Request) => Promise<Response>;

/**
 * Runs a route handler (`route()` from lib/http.ts: Web Request in, Response out) for a node:http
 * request, so a lean path shares the Next route's guard, parsing, envelope and metrics instead of
 * copying them.
 */
export async function serveWebHandler(
  req: IncomingMessage,
  res: ServerResponse,
  name: string,
  handler: WebHandler,
): Promise<void> {
  try {
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const body = hasBody ? new Uint8Array(await readNodeBody(req)) : undefined;
    const request = new Request(new URL(req.url ?? "/", "http://hub.local"), {
      method: req.method,
      headers: webHeaders(req.headers),
      body,
    });
    const response = await handler(request);
    writeAnswer(res, response.status, Object.fromEntries(response.headers), Buffer.from(await response.arrayBuffer()));
  } catch (error) {
    // The handler answers its own errors; what lands here failed before it (reading the body).
    sendError(res, error, randomUUID(), name);
  }
}

/**
 * For the server's `clientError` event: what Node's HTTP parser refuses before any handler runs (a
 * request line or headers over 16 KiB, a malformed request) is answered with the envelope too,
 * instead of Node's bare status line.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === "ECONNRESET" || !socket.writable) {
    socket.destroy();
    return;
  }
  const http =
    error.code === "HPE_HEADER_OVERFLOW"
      ? new HttpError(431, "headers_too_large", "The request line or headers are larger than 16 KiB.")
      : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? new HttpError(408, "request_timeout", "The request did not arrive in time.")
        : new HttpError(400, "bad_request", "The request could not be parsed as HTTP.");
  const body = JSON.stringify(errorBody(http, randomUUID()));
  const headers = {
    ...LEAN_SECURITY_HEADERS,
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
    connection: "close",
  };
  const head = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join("");
  socket.end(`HTTP/1.1 ${http.status} ${STATUS_CODES[http.status] ?? ""}\r\n${head}\r\n${body}`);
}
