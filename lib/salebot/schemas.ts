import { z } from "zod";

/** Answer schemas of the Salebot API (doc §2). Loose objects: Salebot adds fields without notice. */

// Salebot sends ids as numbers or strings and leaves fields empty; one set of fragments for all.
export const integerFromAny = z.union([
  z.number().int(),
  z
    .string()
    .trim()
    .regex(/^-?\d+$/)
    .transform(Number),
]);

export const nullableInteger = z
  .union([integerFromAny, z.literal(""), z.null()])
  .optional()
  .transform((value) => (value === "" || value === undefined ? null : value));

export const nullableText = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((value) => (value === null || value === undefined ? null : String(value)));

/** Unix seconds as Salebot sends them → Date. */
const nullableUnixTime = z
  .union([z.number(), z.string(), z.null()])
  .optional()
  .transform((value): Date | null => {
    if (value === null || value === undefined || value === "") return null;
    const seconds = typeof value === "number" ? value : Number(value);
    if (Number.isFinite(seconds)) return new Date(seconds * 1000);
    const parsed = new Date(value);
    return Number.isNaN(parsed.getTime()) ? null : parsed;
  });

const nullableFlag = z
  .union([z.boolean(), z.number(), z.string(), z.null()])
  .optional()
  .transform((value): boolean | null => {
    if (value === null || value === undefined || value === "") return null;
    if (typeof value === "boolean") return value;
    if (typeof value === "number") return value !== 0;
    return !/^(0|false|no|none|null)$/i.test(value.trim());
  });

export const variableValue = z.json();

/** A JSON object, or a string that holds one (Salebot stringifies nested values in places [P]). */
export function objectOrJsonString<Schema extends z.ZodType>(schema: Schema) {
  return z.preprocess((value) => {
    if (typeof value !== "string") return value;
    const trimmed = value.trim();
    if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return value;
    try {
      return JSON.parse(trimmed) as unknown;
    } catch {
      return value;
    }
  }, schema);
}

const variablesObject = objectOrJsonString(z.record(z.string(), variableValue));
export type SalebotVariableValue = z.output<typeof variableValue>;
export type SalebotVariables = Record<string, SalebotVariableValue>;

/**
 * One client as `get_clients` and `find_client_id_by_platform_id` return it. Field names vary
 * between sources: `platform_id` [C] or the webhook's `recepient` [C]/`recipient`; `group` [C] or
 * `group_id`; `id` [C] or `client_id`; `variables` as an object [C] or a JSON string.
 */
export const salebotClientRecord = z
  .looseObject({
    id: integerFromAny.optional(),
    client_id: integerFromAny.optional(),
    platform_id: nullableText,
    recepient: nullableText,
    recipient: nullableText,
    client_type: nullableInteger,
    name: nullableText,
    avatar: nullableText,
    tag: nullableText,
    group: nullableText,
    group_id: nullableText,
    created_at: nullableUnixTime,
    updated_at: nullableUnixTime,
    variables: variablesObject.nullable().optional(),
  })
  .refine((raw) => raw.id !== undefined || raw.client_id !== undefined, {
    message: "a client without an id",
    path: ["id"],
  })
  .transform((raw) => ({
    id: (raw.id ?? raw.client_id) as number,
    platformId: raw.platform_id ?? raw.recepient ?? raw.recipient,
    clientType: raw.client_type,
    name: raw.name,
    avatar: raw.avatar,
    tag: raw.tag,
    group: raw.group ?? raw.group_id,
    createdAt: raw.created_at,
    updatedAt: raw.updated_at,
    /** Only `find_client_id_by_platform_id` carries variables. */
    variables: raw.variables ?? null,
  }));
export type SalebotClientRecord = z.output<typeof salebotClientRecord>;

/**
 * A list of records, bare [C for `find_client_id_by_platform_id`] or under the first of `keys`
 * present. Issues keep their path (`clients.0.id`) so a malformed answer names the field.
 */
function listAnswer<Item extends z.ZodType>(item: Item, keys: readonly string[]) {
  const list = z.array(item);
  return z.unknown().transform((value, context): z.output<Item>[] => {
    let key: string | null = null;
    let items: unknown = value;
    if (value && typeof value === "object" && !Array.isArray(value)) {
      const envelope = value as Record<string, unknown>;
      key = keys.find((name) => envelope[name] !== undefined && envelope[name] !== null) ?? null;
      // Salebot's finders answer an empty result with a bare status (`{"status":"success"}`).
      if (key === null) return [];
      items = envelope[key];
    }
    const parsed = list.safeParse(items);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) {
      context.addIssue({
        code: "custom",
        message: issue.message,
        path: key === null ? issue.path : [key, ...issue.path],
      });
    }
    return z.NEVER;
  });
}

/** `get_clients`: `{"status":"success","clients":[...]}` [C]. */
export const getClientsAnswer = listAnswer(salebotClientRecord, ["clients", "result", "items"]);

/** `find_client_id_by_platform_id` answers with a top-level array [C]; envelopes accepted too. */
export const findByPlatformIdAnswer = listAnswer(salebotClientRecord, ["clients", "result", "items"]);

/**
 * `find_client_id_by_var`: `{"status":"success","client_id":N}` [P] (S11, S15); `find_clients`
 * style `client_ids: [N]` [C] takes the first; a bare number is accepted; no id means not found.
 */
export const findClientIdAnswer = z.union([
  integerFromAny.transform((clientId) => ({ client_id: clientId as number | null })),
  z
    .looseObject({ client_id: nullableInteger, id: nullableInteger, client_ids: z.array(integerFromAny).optional() })
    .transform((raw) => ({ client_id: raw.client_id ?? raw.id ?? raw.client_ids?.[0] ?? null })),
]);

export const historyItem = z
  .looseObject({
    id: integerFromAny,
    answered: nullableFlag,
    client_replica: nullableFlag,
    message_id: nullableText,
    message_from_outside: nullableInteger,
    created_at: nullableUnixTime,
    text: nullableText,
    attachments: z.unknown().optional(),
    delivered: nullableFlag,
    error_message: nullableText,
    manager_id: nullableInteger,
    manager_email: nullableText,
  })
  .transform((raw) => ({
    id: raw.id,
    /** true when the client wrote it; false for the bot, a manager or a callback. */
    fromClient: raw.client_replica === true,
    answered: raw.answered,
    blockId: raw.message_id,
    /** 0 normal, 1 sent via API, 2 from a CRM, 3 callback, 5 telephony notification. */
    messageFromOutside: raw.message_from_outside,
    createdAt: raw.created_at,
    text: raw.text,
    attachments: raw.attachments ?? null,
    delivered: raw.delivered,
    errorMessage: raw.error_message,
    managerId: raw.manager_id,
    managerEmail: raw.manager_email,
  }));
export type SalebotHistoryItem = z.output<typeof historyItem>;

/** `get_history`: `{"status":"success","result":[...]}` [C]; a bare list or `messages` accepted too. */
export const getHistoryAnswer = listAnswer(historyItem, ["result", "messages", "history"]);

/**
 * `get_variables` is undocumented. Public code reads a flat object keyed by variable name [P]
 * (system keys included, `"NONE"` for empty ones); one snippet reads `.variables`; either may come
 * as a JSON string. All are accepted; variable values are kept as Salebot sent them.
 */
const ENVELOPE_KEYS = new Set(["status", "variables", "result", "client_id"]);

export const getVariablesAnswer = objectOrJsonString(z.record(z.string(), variableValue)).transform(
  (flat): SalebotVariables => {
    for (const key of ["variables", "result"]) {
      const nested = objectOrJsonString(z.record(z.string(), variableValue)).safeParse(flat[key]);
      const onlyEnvelope = Object.keys(flat).every((name) => ENVELOPE_KEYS.has(name));
      if (onlyEnvelope && nested.success) return { ...nested.data };
    }
    // A user variable may be called `status`; only the envelope's "success" is dropped.
    if (flat["status"] !== "success") return flat;
    const { status: _envelopeStatus, ...variables } = flat;
    return variables;
  },
);

/** Any JSON object answer: the minimum the acknowledgement-only calls need. */
export const statusEnvelope = z.looseObject({
  status: z.union([z.string(), z.number(), z.boolean()]).optional(),
  message: z.unknown().optional(),
  error: z.unknown().optional(),
});
