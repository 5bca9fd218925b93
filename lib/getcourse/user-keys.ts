import { isOutboundError } from "@/lib/outbound/errors";
import type { GetCourseKeyMode } from "./client";
import type { createFieldDirectory } from "./fields";
import { GetCourseError } from "./gc-error";
import type { createLegacyImport } from "./legacy-import";
import type { TechApi } from "./tech-api";

/**
 * The keys the hub keeps on a GetCourse user (Telegram id, Salebot client id), written the way the
 * configured credentials allow (issue 12):
 * - `tech_api`: the live `get-custom-fields` answer finds the user and names the field ids,
 *   `update-custom-fields` writes by id, `get-fields` gives the user id;
 * - `school_key`: the Legacy import with `user.addfields` by field name and `refresh_if_exists=1`
 *   writes the fields and answers `result.user_id`; the account's field dictionary (cached) tells
 *   whether the fields exist. GetCourse cannot be asked whether an e-mail exists before that write.
 */

/** What to do with an e-mail GetCourse does not know. */
export type UnknownEmailPolicy = "refuse" | "create";

/** The account does not define these user fields: nothing was written. */
export class MissingFieldsError extends GetCourseError {
  constructor(readonly fields: readonly string[]) {
    super("rejected", `GetCourse has no user field ${fields.map((name) => `"${name}"`).join(", ")}`);
    this.name = "MissingFieldsError";
  }
}

export type UserKeysRead = {
  /** False when GetCourse says the user does not exist; null when it cannot be asked (school key only). */
  exists: boolean | null;
  /** Current values by field name; null where unknown (the school-key mode reads no user). */
  values: Record<string, string | null>;
  missing: string[];
};

type Parts = {
  keyMode: GetCourseKeyMode;
  tech: TechApi | undefined;
  fields: ReturnType<typeof createFieldDirectory>;
  legacyImport: ReturnType<typeof createLegacyImport> | undefined;
};

const asText = (value: unknown): string | null =>
  value === null || value === undefined || value === ""
    ? null
    : typeof value === "string"
      ? value
      : JSON.stringify(value);

export function createUserKeys({ keyMode, tech, fields, legacyImport }: Parts) {
  function requireImport() {
    if (!legacyImport)
      throw new GetCourseError(
        "auth_failed",
        "creating or writing a user by field name needs the school key (GETCOURSE_API_KEY)",
      );
    return legacyImport;
  }

  /** Legacy import by field name: creates an unknown e-mail, updates a known one; answers the user id. */
  async function importByName(email: string, valuesByName: Record<string, string>): Promise<number> {
    const imported = await requireImport().importUser({
      user: { email, addfields: valuesByName },
      system: { refresh_if_exists: 1 },
    });
    return imported.userId;
  }

  /** The user id from the Tech API, else (no such method on an odd account) from a no-op Legacy import. */
  async function techUserId(email: string): Promise<number> {
    try {
      return (await (tech as TechApi).getUser({ email })).id;
    } catch (error) {
      if (!legacyImport || isOutboundError(error, "auth_failed") || isOutboundError(error, "not_found")) throw error;
      return (await legacyImport.importUser({ user: { email } })).userId;
    }
  }

  async function assertFieldsDefined(names: readonly string[]): Promise<void> {
    const defined = await fields.definedUserFields(names);
    if (defined.missing.length > 0) throw new MissingFieldsError(defined.missing);
  }

  /**
   * Writes the fields by name and answers the user id. Unknown e-mail: `not_found` when refusing
   * (Tech API mode; the school key alone cannot tell), a new GetCourse user when creating.
   */
  async function writeUserKeys(
    email: string,
    valuesByName: Record<string, string>,
    options: { policy: UnknownEmailPolicy; alsoRequire?: readonly string[] },
  ): Promise<{ gcUserId: number; created: boolean }> {
    const { policy } = options;
    const names = [...new Set([...Object.keys(valuesByName), ...(options.alsoRequire ?? [])])];
    if (keyMode === "school_key") {
      await assertFieldsDefined(names);
      return { gcUserId: await importByName(email, valuesByName), created: false };
    }
    let lookup: Awaited<ReturnType<typeof fields.lookupUserFields>>;
    try {
      lookup = await fields.lookupUserFields({ email }, names);
    } catch (error) {
      if (policy === "create" && isOutboundError(error, "not_found")) {
        await assertFieldsDefined(names);
        return { gcUserId: await importByName(email, valuesByName), created: true };
      }
      throw error;
    }
    if (lookup.missing.length > 0) throw new MissingFieldsError(lookup.missing.map((field) => field.name));
    const byId: Record<number, string> = {};
    for (const [name, value] of Object.entries(valuesByName)) byId[lookup.ids[name] as number] = value;
    const [, gcUserId] = await Promise.all([
      (tech as TechApi).updateUserCustomFields({ email }, byId),
      techUserId(email),
    ]);
    return { gcUserId, created: false };
  }

  /** Reads what a relink would change; writes nothing. */
  async function readUserKeys(email: string, names: readonly string[]): Promise<UserKeysRead> {
    if (keyMode === "school_key") {
      const defined = await fields.definedUserFields(names);
      return { exists: null, values: Object.fromEntries(names.map((name) => [name, null])), missing: defined.missing };
    }
    try {
      const lookup = await fields.lookupUserFields({ email }, names);
      return {
        exists: true,
        values: Object.fromEntries(names.map((name) => [name, asText(lookup.values[name])])),
        missing: lookup.missing.map((field) => field.name),
      };
    } catch (error) {
      if (isOutboundError(error, "not_found"))
        return { exists: false, values: Object.fromEntries(names.map((name) => [name, null])), missing: [] };
      throw error;
    }
  }

  /** Empties fields that hold a value (best effort is the caller's choice); never creates a user. */
  async function clearUserKeys(email: string, names: readonly string[]): Promise<void> {
    if (keyMode === "school_key") {
      await assertFieldsDefined(names);
      await importByName(email, Object.fromEntries(names.map((name) => [name, ""])));
      return;
    }
    const lookup = await fields.lookupUserFields({ email }, names);
    const values: Record<number, string> = {};
    for (const name of names) {
      const id = lookup.ids[name];
      if (id !== undefined && asText(lookup.values[name]) !== null) values[id] = "";
    }
    if (Object.keys(values).length > 0) await (tech as TechApi).updateUserCustomFields({ email }, values);
  }

  /** One user field by name for several users, as the activity write-back does. */
  async function writeUserField(
    identity: { email: string } | { userId: number },
    name: string,
    value: string,
  ): Promise<void> {
    if (keyMode === "school_key") {
      if (!("email" in identity))
        throw new GetCourseError("rejected", "the school-key mode writes users by e-mail only");
      await importByName(identity.email, { [name]: value });
      return;
    }
    const result = await fields.setUserFieldsByName(identity, { [name]: value });
    if (!result.written) throw new MissingFieldsError([name]);
  }

  return { writeUserKeys, readUserKeys, clearUserKeys, writeUserField };
}
