import { randomUUID } from "node:crypto";
import { z } from "zod";
import { jsonDepthExceeds, MAX_JSON_DEPTH } from "@/lib/json-depth";
import { log } from "@/lib/observability/log";
import { metrics } from "@/lib/observability/metrics";
import { serverTiming, UpstreamTimer, withUpstreamTimer } from "@/lib/observability/upstream-timing";
import { settingsLoaded } from "@/lib/settings/ready";

/**
 * The one route wrapper. It gives each request an id, authenticates, parses the query and body
 * with zod, runs the handler and maps every thrown error to one envelope:
 *   { "success": false, "error": "<code>", "message": "…", "details"?: […], "requestId": "…" }
 * (`success`/`error` are the names a Salebot bot block branches on; see DESIGN.md.)
 */

export type Principal =
  | { kind: "public" }
  | { kind: "token"; scope: "link" | "read" | "getcourse" }
  | { kind: "user"; id: string; email: string; role: "admin" | "staff" | "marketer" };

export type ErrorDetail = { field: string; message: string };

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "HttpError";
  }
}

export const notFound = (what: string) => new HttpError(404, "not_found", `${what} not found.`);
export const forbidden = (message = "You are not allowed to do this.") => new HttpError(403, "forbidden", message);

export type Guard = (request: Request) => Principal | Promise<Principal>;

type Schema = z.ZodType;
type Output<S> = S extends z.ZodType ? z.output<S> : undefined;

export type RouteContext<Q, B, P> = {
  request: Request;
  requestId: string;
  principal: Principal;
  query: Output<Q>;
  body: Output<B>;
  params: P;
};

type RouteOptions<Q extends Schema | undefined, B extends Schema | undefined> = {
  /** For logs and metrics, e.g. "GET /api/health". */
  name: string;
  auth: Guard;
  query?: Q;
  body?: B;
};

export type JsonBody = Record<string, unknown> | unknown[];

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

function zodDetails(error: z.ZodError): ErrorDetail[] {
  return error.issues.map((issue) => ({ field: issue.path.join(".") || "(input)", message: issue.message }));
}

function badRequest(details: ErrorDetail[]): HttpError {
  const summary = details.map((d) => `${d.field}: ${d.message}`).join("; ");
  return new HttpError(400, "bad_request", `Invalid input: ${summary}`, details);
}

function parseWith<S extends Schema>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw badRequest(zodDetails(result.error));
  return result.data;
}

function queryObject(url: URL): Record<string, string> {
  // PostgreSQL text cannot hold NUL: a search for one would fail the query (500) mid-export.
  return Object.fromEntries([...url.searchParams].map(([name, value]) => [name, value.replaceAll("\0", "")]));
}

/**
 * The most any request body may hold: scripts/server.ts refuses larger ones before anything reads
 * them, server actions have the same limit (next.config.mjs), and route() checks again while
 * reading, for handlers called some other way.
 */
export const MAX_REQUEST_BODY_BYTES = 1024 * 1024;

export const payloadTooLarge = (limit = MAX_REQUEST_BODY_BYTES) =>
  new HttpError(413, "payload_too_large", `The body is larger than ${Math.round(limit / 1024)} KiB.`);

/** The body's bytes, refused with 413 as soon as they pass the limit (declared or counted). */
export async function readLimitedBody(request: Request, limit = MAX_REQUEST_BODY_BYTES): Promise<Buffer> {
  if (Number(request.headers.get("content-length") ?? 0) > limit) throw payloadTooLarge(limit);
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      throw payloadTooLarge(limit);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** JSON, form-encoded and multipart bodies all arrive as a plain object. */
async function readBody(request: Request): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  const bytes = await readLimitedBody(request);
  if (type.includes("application/x-www-form-urlencoded") || type.includes("multipart/form-data")) {
    try {
      const form = await new Response(new Uint8Array(bytes), { headers: { "content-type": type } }).formData();
      return Object.fromEntries(
        [...form.entries()].filter((entry): entry is [string, string] => typeof entry[1] === "string"),
      );
    } catch {
      throw new HttpError(400, "bad_request", "The form body could not be read.");
    }
  }
  const text = new TextDecoder().decode(bytes);
  if (text.trim() === "") return {};
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, "bad_request", "The body is not valid JSON.", [
      { field: "(body)", message: "not valid JSON" },
    ]);
  }
  if (jsonDepthExceeds(json)) {
    throw new HttpError(400, "bad_request", `The body nests deeper than ${MAX_JSON_DEPTH} levels.`, [
      { field: "(body)", message: "nested too deep" },
    ]);
  }
  return json;
}

/**
 * A body handed to the handler as it came, for the one route that must keep what it cannot read
 * (the GetCourse webhook: GetCourse never redelivers, so a 400 would lose the call). Forms are
 * decoded too, since multipart cannot be re-read from text.
 */
export class RawRequestBody {
  constructor(
    readonly method: string,
    readonly contentType: string,
    readonly text: string,
    readonly form: Record<string, string> | null,
  ) {}
}

/** Pass as a route's `body` to receive a `RawRequestBody` instead of a parsed one. */
export const rawBody = z.custom<RawRequestBody>((value) => value instanceof RawRequestBody);

async function readRawBody(request: Request): Promise<RawRequestBody> {
  const type = request.headers.get("content-type") ?? "";
  if (type.includes("multipart/form-data")) {
    try {
      const form = await request.formData();
      const fields = Object.fromEntries(
        [...form.entries()].filter((entry): entry is [string, string] => typeof entry[1] === "string"),
      );
      return new RawRequestBody(request.method, type, new URLSearchParams(fields).toString(), fields);
    } catch {
      return new RawRequestBody(request.method, type, "", null);
    }
  }
  const text = await request.text();
  const form = type.includes("application/x-www-form-urlencoded")
    ? Object.fromEntries(new URLSearchParams(text))
    : null;
  return new RawRequestBody(request.method, type, text, form);
}

function prismaErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^P\d{4}$/.test(code) ? code : undefined;
}

/** The envelope every error answer carries (see the top of this file). */
export function errorBody(error: HttpError, requestId: string) {
  return {
    success: false as const,
    error: error.code,
    message: error.message,
    ...(error.details ? { details: error.details } : {}),
    requestId,
  };
}

/** What any thrown error is answered with; one nobody expected is logged here, never shown. */
export function toHttpError(error: unknown, requestId: string, routeName = "unknown"): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof z.ZodError) return badRequest(zodDetails(error));
  if (prismaErrorCode(error) === "P2025") return new HttpError(404, "not_found", "The record was not found.");
  if (prismaErrorCode(error) === "P2002") return new HttpError(409, "conflict", "The record already exists.");
  log.error("unhandled error in route", { route: routeName, requestId, error });
  return new HttpError(
    500,
    "internal_error",
    "Something went wrong on our side; the request id identifies it in the logs.",
  );
}

export function errorResponse(error: unknown, requestId: string, routeName = "unknown"): Response {
  const http = toHttpError(error, requestId, routeName);
  return Response.json(errorBody(http, requestId), {
    status: http.status,
    headers: { "x-request-id": requestId, ...http.headers },
  });
}

export function route<
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
  P = Record<string, never>,
>(
  options: RouteOptions<Q, B>,
  handler: (context: RouteContext<Q, B, P>) => Promise<Response | JsonBody> | Response | JsonBody,
) {
  return async function handle(request: Request, routeContext?: { params?: Promise<P> }): Promise<Response> {
    const started = performance.now();
    const incoming = request.headers.get("x-request-id");
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    // Outbound calls made while handling this request report here (Server-Timing below).
    const upstream = new UpstreamTimer();
    const response = await withUpstreamTimer(upstream, async (): Promise<Response> => {
      try {
        // Token checks and outside calls read settings this copy of lib/ loads once (lib/settings/load.ts).
        await settingsLoaded();
        const principal = await options.auth(request);
        const url = new URL(request.url);
        const query = (options.query ? parseWith(options.query, queryObject(url)) : undefined) as Output<Q>;
        const body = (
          (options.body as Schema | undefined) === rawBody
            ? await readRawBody(request)
            : options.body
              ? parseWith(options.body, await readBody(request))
              : undefined
        ) as Output<B>;
        const params = ((await routeContext?.params) ?? {}) as P;
        const result = await handler({ request, requestId, principal, query, body, params });
        const ok = result instanceof Response ? result : Response.json(result);
        ok.headers.set("x-request-id", requestId);
        return ok;
      } catch (error) {
        return errorResponse(error, requestId, options.name);
      }
    });
    const elapsedMs = performance.now() - started;
    response.headers.set("server-timing", serverTiming(upstream.totalMs, elapsedMs));
    const m = metrics();
    const [method = request.method] = options.name.split(" ");
    m.httpRequests.inc({ route: options.name, method, status: String(response.status) });
    m.httpDuration.observe({ route: options.name, method }, elapsedMs / 1000);
    return response;
  };
}
