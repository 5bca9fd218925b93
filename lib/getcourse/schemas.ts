import { z } from "zod";
import { isTruthyFlag, looseFlagSchema, optionalLooseFlagSchema } from "./flags";

/**
 * Zod schemas for every GetCourse answer. They are lenient where GetCourse is inconsistent
 * (flags, numeric ids sent as strings, null vs missing) and strict on the shape the hub relies on.
 */

const optionalText = z
  .union([z.string(), z.number(), z.null()])
  .optional()
  .transform((value) => (value === null || value === undefined ? "" : String(value)));

/** Numeric id that GetCourse may send as a number or a numeric string; "" and null mean absent. */
export const gcIdSchema = z
  .union([z.number(), z.string(), z.null()])
  .optional()
  .transform((value, context) => {
    if (value === null || value === undefined || value === "") return undefined;
    const id = Number(value);
    if (!Number.isSafeInteger(id)) {
      context.addIssue({ code: "custom", message: `not a numeric id: ${String(value)}` });
      return z.NEVER;
    }
    return id;
  });

const errorCodeSchema = z
  .union([z.number(), z.string(), z.null()])
  .optional()
  .transform((value) => {
    const code = value === null || value === undefined || value === "" ? Number.NaN : Number(value);
    return Number.isFinite(code) ? code : undefined;
  });

// ---------- Tech API v1 ----------

/**
 * `{"status": true, "message": "", "code": 200, "errors": [], "data": …}` (doc §9.6, TECH-OAS).
 * `set-uri` answers `{"success": "OK"}` alone, and a 400 may carry `status: 400` (the HTTP code)
 * instead of the flag (zenland-dev `transport/index.ts` readEnvelope): `ok` reads all of them;
 * the HTTP status is checked beside it.
 */
export const techEnvelopeSchema = z
  .object({
    status: z.union([z.boolean(), z.number(), z.string(), z.null()]).optional(),
    success: z.union([z.boolean(), z.number(), z.string(), z.null()]).optional(),
    message: optionalText,
    code: errorCodeSchema,
    errors: z
      .union([z.array(z.json()), z.record(z.string(), z.json())])
      .nullish()
      .transform((errors) => (errors && !Array.isArray(errors) ? Object.values(errors) : errors)),
    data: z.json().optional(),
  })
  .refine((envelope) => envelope.status !== undefined || envelope.success !== undefined, {
    message: "neither status nor success: not a Tech API answer (a login page or a proxy?)",
  })
  .transform(({ status, success, ...rest }) => {
    const ok =
      typeof status === "number" && status >= 400
        ? false
        : status !== undefined && status !== null
          ? isTruthyFlag(status)
          : isTruthyFlag(success) || String(success).trim().toUpperCase() === "OK";
    return { ...rest, ok };
  });

const fieldEntrySchema = z.object({
  /** Only the array shapes carry the id inside the entry (the deal read, some copies of the schema). */
  id: gcIdSchema,
  name: z.string(),
  value: z
    .json()
    .optional()
    .transform((value) => value ?? null),
  type: optionalText,
  units: z
    .string()
    .nullish()
    .transform((value) => value ?? ""),
});

/** A user custom field as the hub uses it; `id` is known when the answer carried it (key or member). */
export type UserCustomField = {
  id: number | undefined;
  name: string;
  value: z.infer<typeof fieldEntrySchema>["value"];
  type: string;
  units: string;
};

/**
 * `GET /user/get-custom-fields` answers one of two shapes (lib/compat/fixtures/getcourse/api):
 * - live: an object keyed by field id listing every user field the account defines, `value: null`
 *   where this user has none (zenland-dev/n8n-nodes-getcourse CHANGELOG 0.2.0, loadOptions.ts;
 *   NiktarioN/getcourse-api types it `Record<string, UserCustomField>` in later releases);
 * - published schema: an array of `{name, value, type, units}` without ids (TECH-OAS `UserCustomFields`).
 * `null` or `[]` for a user with nothing is read as no fields.
 */
export const userCustomFieldsAnswerSchema = z
  .union([z.array(fieldEntrySchema), z.record(z.string(), fieldEntrySchema), z.null()])
  .transform((data): UserCustomField[] => {
    if (data === null) return [];
    if (Array.isArray(data)) return data;
    return Object.entries(data).map(([key, entry]) => ({ ...entry, id: entry.id ?? parseFieldKey(key) }));
  });

function parseFieldKey(key: string): number | undefined {
  const id = Number(key);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/**
 * `POST /user/update-custom-fields`: the live service echoes the written fields keyed by name
 * (zenland-dev `actions/user/execute.ts`), TECH-OAS says an array of fields, NiktarioN types it
 * `{result: true}`. Any of them, or nothing, is a success: the envelope's status decides.
 */
export const updateCustomFieldsAnswerSchema = z.json().optional();

const techUserSchema = z.looseObject({ id: gcIdSchema.pipe(z.number()), email: optionalText });
export type TechUser = z.infer<typeof techUserSchema>;

/** `GET /user/get-fields`: `data` is `oneOf(User | User[])` (zenland-dev `actions/user/execute.ts`). */
export const techUserAnswerSchema = z
  .union([techUserSchema, z.array(techUserSchema)])
  .transform((data) => (Array.isArray(data) ? data[0] : data));

/** `GET /common/get-personal-managers`: full user records (zenland-dev CHANGELOG 0.2.2, `methods/loadOptions.ts`). */
export const personalManagersAnswerSchema = z
  .union([
    z.array(z.looseObject({ id: gcIdSchema, email: optionalText, type: optionalText, status: optionalText })),
    z.null(),
  ])
  .transform((data) => (data ?? []).filter((user): user is typeof user & { id: number } => user.id !== undefined));

// ---------- Legacy API ----------

/** Top-level error of the Legacy API: `error` is a string for a bad key, a flag elsewhere. */
const legacyErrorFields = {
  error: z.union([z.string(), z.boolean(), z.number(), z.null()]).optional(),
  error_code: errorCodeSchema,
  error_message: optionalText,
};

export const legacyImportResultSchema = z.object({
  success: optionalLooseFlagSchema,
  error: looseFlagSchema,
  error_message: optionalText,
  user_id: gcIdSchema,
  user_status: optionalText,
  deal_id: gcIdSchema,
  deal_number: optionalText,
  payment_link: optionalText,
});

export const legacyImportAnswerSchema = z.object({
  success: looseFlagSchema,
  action: optionalText,
  result: legacyImportResultSchema.nullish(),
  ...legacyErrorFields,
});
export type LegacyImportAnswer = z.infer<typeof legacyImportAnswerSchema>;

export const legacyExportAnswerSchema = z.object({
  success: looseFlagSchema,
  info: z.json().optional(),
  ...legacyErrorFields,
});
export type LegacyExportAnswer = z.infer<typeof legacyExportAnswerSchema>;

export const exportStartedInfoSchema = z.object({ export_id: gcIdSchema.pipe(z.number()) });

/** Every cell is a string in practice; numbers and nulls are tolerated and turned into strings. */
const exportCellSchema = z
  .union([z.string(), z.number(), z.boolean(), z.null()])
  .transform((value) => (value === null ? "" : String(value)));

export const exportReadyInfoSchema = z.object({
  fields: z.array(z.string()),
  items: z.array(z.array(exportCellSchema)),
});

const fieldDefinitionEntrySchema = z.object({
  id: gcIdSchema,
  /** `title` in every source; `name` accepted as the Tech API spells it. */
  title: z.string().optional(),
  name: z.string().optional(),
  type: optionalText,
  required: looseFlagSchema,
  context_type: optionalText,
  field_order_pos: errorCodeSchema,
});

function toFieldDefinition(field: z.output<typeof fieldDefinitionEntrySchema>, key?: string) {
  return {
    id: field.id ?? (key === undefined ? undefined : Number(key)),
    title: field.title ?? field.name ?? "",
    type: field.type,
    required: field.required,
    /** "user" or "deal" as GetCourse names it; empty when the account did not say. */
    contextType: field.context_type.toLowerCase(),
    orderPosition: field.field_order_pos,
  };
}

/**
 * `/pl/api/account/fields` `info`: an array of `{id, title, type, required, context_type, …}`
 * (BEL `api/account/types.ts`, NIK `types/legacy.ts`); an object keyed by id is read too.
 * Entries without a usable id or title are dropped rather than failing the whole dictionary.
 */
export const fieldDictionarySchema = z
  .union([z.array(fieldDefinitionEntrySchema), z.record(z.string(), fieldDefinitionEntrySchema), z.null()])
  .transform((info) => {
    const entries =
      info === null
        ? []
        : Array.isArray(info)
          ? info.map((field) => toFieldDefinition(field))
          : Object.entries(info).map(([key, field]) => toFieldDefinition(field, key));
    return entries.filter(
      (field): field is typeof field & { id: number } =>
        field.id !== undefined && Number.isSafeInteger(field.id) && field.title !== "",
    );
  });
export type FieldDefinition = z.output<typeof fieldDictionarySchema>[number];
