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
export type SalebotVariableValue = z.output<typeof variableValue>;
export type SalebotVariables = Record<string, SalebotVariableValue>;

/** One client as `get_clients` and `find_client_id_by_platform_id` return it. */
export const salebotClientRecord = z
  .looseObject({
    id: integerFromAny,
    platform_id: nullableText,
    client_type: nullableInteger,
    name: nullableText,
    avatar: nullableText,
    tag: nullableText,
    group: nullableText,
    created_at: nullableUnixTime,
    updated_at: nullableUnixTime,
    variables: z.record(z.string(), variableValue).nullable().optional(),
  })
  .transform((raw) => ({
    id: raw.id,
    platformId: raw.platform_id,
    clientType: raw.client_type,
    name: raw.name,
    avatar: raw.avatar,
    tag: raw.tag,
    group: raw.group,
    createdAt: raw.created_at,
    updatedAt: raw.updated_at,
    /** Only `find_client_id_by_platform_id` carries variables. */
    variables: raw.variables ?? null,
  }));
export type SalebotClientRecord = z.output<typeof salebotClientRecord>;

export const getClientsAnswer = z.looseObject({ clients: z.array(salebotClientRecord) });

/** `find_client_id_by_platform_id` answers with a top-level array [C]. */
export const findByPlatformIdAnswer = z.array(salebotClientRecord);

/** `find_client_id_by_var`: `{"status":"success","client_id":N}` [P]; a missing id means not found. */
export const findClientIdAnswer = z.looseObject({ client_id: nullableInteger });

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

export const getHistoryAnswer = z.looseObject({ result: z.array(historyItem) });

/**
 * `get_variables` is undocumented; public code reads a flat object keyed by variable name [P],
 * one snippet reads `.variables` — both are accepted.
 */
export const getVariablesAnswer = z.record(z.string(), variableValue).transform((flat): SalebotVariables => {
  const nested = flat["variables"];
  const onlyEnvelope = Object.keys(flat).every((key) => key === "status" || key === "variables");
  if (onlyEnvelope && nested && typeof nested === "object" && !Array.isArray(nested)) {
    return { ...nested };
  }
  // A user variable may be called `status`; only the envelope's "success" is dropped.
  if (flat["status"] !== "success") return flat;
  const { status: _envelopeStatus, ...variables } = flat;
  return variables;
});

/** Any JSON object answer: the minimum the acknowledgement-only calls need. */
export const statusEnvelope = z.looseObject({
  status: z.union([z.string(), z.number(), z.boolean()]).optional(),
  message: z.unknown().optional(),
  error: z.unknown().optional(),
});
