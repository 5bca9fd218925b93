import { z } from "zod";
import { looseFlagSchema, optionalLooseFlagSchema } from "./flags";

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

/** `{"status": true, "message": "", "code": 200, "errors": [], "data": …}` (doc §9.6, TECH-OAS). */
export const techEnvelopeSchema = z.object({
  status: looseFlagSchema,
  message: optionalText,
  code: errorCodeSchema,
  errors: z.array(z.json()).nullish(),
  data: z.json().optional(),
});

export const userCustomFieldSchema = z.object({
  name: z.string(),
  value: z.json().optional().transform((value) => value ?? null),
  type: optionalText,
  units: z.string().nullish().transform((value) => value ?? ""),
});
export type UserCustomField = z.infer<typeof userCustomFieldSchema>;

export const userCustomFieldListSchema = z.array(userCustomFieldSchema);

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

export const fieldDefinitionSchema = z
  .object({
    id: gcIdSchema.pipe(z.number()),
    title: z.string(),
    type: optionalText,
    required: looseFlagSchema,
    context_type: optionalText,
    field_order_pos: errorCodeSchema,
  })
  .transform((field) => ({
    id: field.id,
    title: field.title,
    type: field.type,
    required: field.required,
    /** "user" or "deal" as GetCourse names it; empty when the account did not say. */
    contextType: field.context_type.toLowerCase(),
    orderPosition: field.field_order_pos,
  }));
export type FieldDefinition = z.infer<typeof fieldDefinitionSchema>;

export const fieldDictionarySchema = z.array(fieldDefinitionSchema);
