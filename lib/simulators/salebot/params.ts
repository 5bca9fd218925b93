import type { SimRequest } from "@/lib/simulators/shared/http-server";

/**
 * Request parameters as Salebot reads them: query string, form body and JSON body merged (body
 * wins), every action alike (doc §1). Unlike the shared server's flat merge, repeated keys become
 * arrays and `a[b]=c` nests, so form and query callers can send lists and variable dicts too.
 */
export type SimParams = Record<string, unknown>;

function setNested(target: SimParams, key: string, value: string): void {
  const bracket = /^([^[\]]+)((?:\[[^[\]]*\])+)$/.exec(key);
  if (!bracket?.[1] || !bracket[2]) {
    const existing = target[key];
    if (existing === undefined) target[key] = value;
    else target[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
    return;
  }
  const path = [bracket[1], ...[...bracket[2].matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1] ?? "")];
  let node: SimParams = target;
  for (let i = 0; i < path.length - 1; i++) {
    const segment = path[i] ?? "";
    const nextIsAppend = path[i + 1] === "";
    if (nextIsAppend) {
      const list = node[segment];
      node[segment] = Array.isArray(list) ? [...list, value] : [value];
      return;
    }
    const child = node[segment];
    if (child && typeof child === "object" && !Array.isArray(child)) node = child as SimParams;
    else {
      const fresh: SimParams = {};
      node[segment] = fresh;
      node = fresh;
    }
  }
  node[path[path.length - 1] ?? ""] = value;
}

function fromPairs(pairs: Iterable<[string, string]>): SimParams {
  const params: SimParams = {};
  for (const [key, value] of pairs) setNested(params, key, value);
  return params;
}

export type ReadParams = { params: SimParams; jsonBody: unknown; bodyIsBrokenJson: boolean };

export function readSimParams(request: SimRequest): ReadParams {
  const params = fromPairs(request.query.entries());
  const contentType = String(request.headers["content-type"] ?? "");
  const raw = request.rawBody;
  let jsonBody: unknown;
  let bodyIsBrokenJson = false;
  if (raw.trim().length > 0) {
    const looksJson = contentType.includes("json") || /^\s*[[{]/.test(raw);
    if (looksJson) {
      try {
        jsonBody = JSON.parse(raw);
      } catch {
        bodyIsBrokenJson = true;
      }
      if (jsonBody && typeof jsonBody === "object" && !Array.isArray(jsonBody)) Object.assign(params, jsonBody);
    } else {
      Object.assign(params, fromPairs(new URLSearchParams(raw).entries()));
    }
  }
  return { params, jsonBody, bodyIsBrokenJson };
}

function dig(node: unknown, path: readonly string[]): unknown {
  let current = node;
  for (const key of path) {
    if (!current || typeof current !== "object") return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/**
 * `delimiter=1&delimiter_value_client_id=key11key2` names the path key1 → key2; the delimiter may
 * also occur inside key names (as in the doc's own example), so the split follows the keys that exist.
 */
function digByDelimitedPath(node: unknown, path: string, delimiter: string): unknown {
  if (!node || typeof node !== "object" || Array.isArray(node)) return undefined;
  const record = node as Record<string, unknown>;
  for (const key of Object.keys(record).sort((a, b) => b.length - a.length)) {
    if (path === key) return record[key];
    if (path.startsWith(key + delimiter)) {
      const found = digByDelimitedPath(record[key], path.slice(key.length + delimiter.length), delimiter);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** Reads `name`, honouring the «универсальный webhook» remaps `value_<name>` and `delimiter_value_<name>`. */
export function aliasedParam(params: SimParams, name: string): unknown {
  const delimiter = params["delimiter"];
  const delimitedPath = params[`delimiter_value_${name}`];
  if (typeof delimiter === "string" && delimiter.length > 0 && typeof delimitedPath === "string") {
    const found = digByDelimitedPath(params, delimitedPath, delimiter);
    if (found !== undefined) return found;
  }
  const remap = params[`value_${name}`];
  if (typeof remap === "string") {
    const found = dig(params, [remap]);
    if (found !== undefined) return found;
  }
  return params[name];
}

export function textParam(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

export function integerParam(value: unknown): number | undefined {
  const text = textParam(value)?.trim();
  if (text === undefined || !/^-?\d+$/.test(text)) return undefined;
  return Number(text);
}

export function flagParam(value: unknown): boolean {
  const text = textParam(value)?.trim().toLowerCase();
  return text === "true" || text === "1" || text === "yes";
}

/** Lists arrive as JSON arrays, repeated form keys, a JSON string or comma-separated text. */
export function listParam(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === "string") {
    const trimmed = value.trim();
    if (trimmed.startsWith("[")) {
      try {
        const parsed: unknown = JSON.parse(trimmed);
        if (Array.isArray(parsed)) return parsed;
      } catch {
        // falls through to comma splitting
      }
    }
    return trimmed.length === 0 ? [] : trimmed.split(",").map((part) => part.trim());
  }
  return value === undefined || value === null ? [] : [value];
}

/** Dicts arrive as JSON objects, `name[key]=value` form fields or a JSON string. */
export function dictParam(value: unknown): Record<string, unknown> | undefined {
  if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  if (typeof value === "string") {
    try {
      const parsed: unknown = JSON.parse(value);
      if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      return undefined;
    }
  }
  return undefined;
}
