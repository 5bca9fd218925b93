import { z } from "zod";
import { emailInput } from "@/lib/email";

const trimmed = z.preprocess((value) => (typeof value === "number" ? String(value) : value), z.string().trim());

/**
 * The seed's request: `email`, `telegram_id`, `sb_id`, as JSON or a form, from a Salebot block.
 * Normalised here: e-mail trimmed and lower-cased, ids reduced to their digits.
 */
export const linkRequestSchema = z
  .object({
    email: trimmed.pipe(z.string().min(1, { error: "is required" }).toLowerCase().pipe(emailInput)),
    telegram_id: trimmed
      .optional()
      .transform((value) => (value === undefined || value === "" ? null : value))
      .pipe(
        z
          .string()
          .regex(/^\d{1,20}$/, { error: "must be the numeric Telegram id" })
          .nullable(),
      ),
    sb_id: trimmed.pipe(z.string().regex(/^\d{1,20}$/, { error: "must be the numeric Salebot client id" })),
  })
  .transform(({ email, telegram_id, sb_id }) => ({ email, telegramId: telegram_id, sbClientId: sb_id }));

export type LinkRequest = z.output<typeof linkRequestSchema>;
