import { GetCourseError } from "./gc-error";
import { accountFailure, callAccountApi, type LegacyAccountConfig } from "./legacy-account";
import { fieldDictionarySchema, type FieldDefinition, type UserCustomField } from "./schemas";
import type { CustomFieldValues, UserIdentity } from "./tech-api";
import { parseAnswer } from "./transport";
import { legacyPaths } from "./urls";

/**
 * Custom fields by name. The Tech API writes them by numeric id; its live `get-custom-fields`
 * answer is itself the account's dictionary (every user field, keyed by id, issue 12), so on the
 * Tech path the ids come from the answer. Only the published-schema shape (an array without ids)
 * and the school-key-only mode need the Legacy dictionary `/pl/api/account/fields`, which may
 * spend the export budget: it is cached and read at set-up, not per link.
 */

export type FieldDictionaryOptions = {
  /** How long a fetched Legacy dictionary is reused. Default 1 h: fields are created by hand, rarely. */
  ttlMs?: number;
  /** A name missing from the cached dictionary triggers one refetch, at most this often. Default 10 min. */
  refreshOnMissMinIntervalMs?: number;
};

export type MissingField = { name: string; reason: "not_in_dictionary" };

export type UserFieldLookup = {
  /** Asked name → field id, for the fields the account defines. */
  ids: Record<string, number>;
  /** Current values by asked name (null when empty). */
  values: Record<string, UserCustomField["value"]>;
  missing: MissingField[];
  userFields: UserCustomField[];
};

/** The seed's `getUserFields` shape: field id → `{name, value, type, units}`. */
export type UserFieldsById = { custom: Record<string, Omit<UserCustomField, "id">> };

/** Which fields of a list the account defines, and where that was read. */
export type DefinedFields = { ids: Record<string, number>; missing: string[]; source: "tech_answer" | "dictionary" };

type TechReader = {
  getUserCustomFields(identity: UserIdentity): Promise<UserCustomField[]>;
  updateUserCustomFields(identity: UserIdentity, values: CustomFieldValues): Promise<void>;
  getPersonalManagers(): Promise<Array<{ id: number; email: string; type: string; status: string }>>;
};

/** Field names compare as the seed does: trimmed, case-insensitive. */
export const normalizeFieldName = (name: string) => name.trim().toLowerCase();

/** Finds a user field id by title; deal fields with the same title lose to user fields. */
export function findUserFieldId(dictionary: readonly FieldDefinition[], name: string): number | undefined {
  const wanted = normalizeFieldName(name);
  const matches = dictionary.filter((field) => normalizeFieldName(field.title) === wanted);
  const userField = matches.find((field) => field.contextType !== "deal");
  return userField?.id;
}

/**
 * The personal manager whose fields describe the account: an admin if there is one, never a
 * deleted record (the list is whoever the school made a manager, zenland-dev CHANGELOG 0.2.2).
 */
export function sampleManager<User extends { type: string; status: string }>(
  managers: readonly User[],
): User | undefined {
  return (
    managers.find((user) => user.type === "admin" && user.status !== "deleted") ??
    managers.find((user) => user.status !== "deleted")
  );
}

/** An answer that carries every id is the account's own listing (the live object shape). */
const carriesIds = (fields: readonly UserCustomField[]) =>
  fields.length > 0 && fields.every((field) => field.id !== undefined);

function idsFromAnswer(fields: readonly UserCustomField[]): Map<string, number> {
  const ids = new Map<string, number>();
  for (const field of fields)
    if (field.id !== undefined && !ids.has(normalizeFieldName(field.name)))
      ids.set(normalizeFieldName(field.name), field.id);
  return ids;
}

/** Joins a field list with ids (from the answer, else the dictionary) into the seed's id-keyed shape. */
export function userFieldsById(
  userFields: readonly UserCustomField[],
  dictionary: readonly FieldDefinition[],
): UserFieldsById {
  const custom: UserFieldsById["custom"] = {};
  for (const { id: ownId, ...field } of userFields) {
    const id = ownId ?? findUserFieldId(dictionary, field.name);
    if (id !== undefined) custom[String(id)] = field;
  }
  return { custom };
}

/** After a failed dictionary fetch, no new fetch for this long, doubling per failure up to the cap. */
const FAILURE_HOLD_MS = 2_000;
const FAILURE_HOLD_MAX_MS = 5 * 60_000;

export function createFieldDirectory(
  legacy: LegacyAccountConfig | undefined,
  tech: TechReader | undefined,
  options: FieldDictionaryOptions = {},
) {
  const ttlMs = options.ttlMs ?? 60 * 60_000;
  const refreshOnMissMs = options.refreshOnMissMinIntervalMs ?? 10 * 60_000;
  const now = () => Date.now();
  let cached: { at: number; fields: FieldDefinition[] } | undefined;
  // Found by the fault tests: with GetCourse down, every link request and every queued retry
  // fetched the dictionary again, each try spending the 100-per-2-hours export budget. Callers
  // share one fetch in flight, a failure holds further fetches back (doubling, capped), and an
  // expired dictionary is used rather than none while GetCourse is away.
  let inFlight: Promise<FieldDefinition[]> | undefined;
  let failure: { at: number; holdMs: number; error: unknown } | undefined;
  /** The account's user fields as the last full Tech answer listed them (name → id). */
  let learned: { at: number; ids: Map<string, number> } | undefined;

  async function fetchDictionary(config: LegacyAccountConfig): Promise<FieldDefinition[]> {
    const what = "field dictionary";
    try {
      const answer = await callAccountApi(config, {
        path: legacyPaths.fields,
        what,
        call: "legacy.fields",
        idempotent: true,
      });
      if (!answer.ok) throw accountFailure(answer, what);
      const fields = parseAnswer(fieldDictionarySchema, answer.info ?? [], what, undefined, "legacy.fields");
      cached = { at: now(), fields };
      failure = undefined;
      return fields;
    } catch (error) {
      const holdMs = Math.min(FAILURE_HOLD_MAX_MS, failure ? failure.holdMs * 2 : FAILURE_HOLD_MS);
      failure = { at: now(), holdMs, error };
      throw error;
    }
  }

  /** `/pl/api/account/fields`: the account's custom-field dictionary (user and deal fields). */
  async function getFieldDictionary(request: { fresh?: boolean } = {}): Promise<FieldDefinition[]> {
    if (!legacy)
      throw new GetCourseError("auth_failed", "the field dictionary needs the school key (GETCOURSE_API_KEY)");
    if (!request.fresh && cached && now() - cached.at < ttlMs) return cached.fields;
    if (failure && now() - failure.at < failure.holdMs) {
      if (cached) return cached.fields;
      throw failure.error;
    }
    inFlight ??= fetchDictionary(legacy).finally(() => (inFlight = undefined));
    try {
      return await inFlight;
    } catch (error) {
      if (cached) return cached.fields;
      throw error;
    }
  }

  async function dictionaryWith(names: readonly string[]): Promise<FieldDefinition[]> {
    const dictionary = await getFieldDictionary();
    const someMissing = names.some((name) => findUserFieldId(dictionary, name) === undefined);
    const stale = cached !== undefined && now() - cached.at >= refreshOnMissMs;
    return someMissing && stale ? getFieldDictionary({ fresh: true }) : dictionary;
  }

  function requireTech(): TechReader {
    if (!tech)
      throw new GetCourseError(
        "auth_failed",
        "reading a user's custom fields needs the Tech API token (GETCOURSE_TECH_TOKEN)",
      );
    return tech;
  }

  async function readUser(identity: UserIdentity): Promise<UserCustomField[]> {
    const userFields = await requireTech().getUserCustomFields(identity);
    if (carriesIds(userFields)) learned = { at: now(), ids: idsFromAnswer(userFields) };
    return userFields;
  }

  /** Name → id for the asked names: from the answer when it carries ids, else from the Legacy dictionary. */
  async function resolveIds(
    userFields: readonly UserCustomField[],
    names: readonly string[],
  ): Promise<Map<string, number | undefined>> {
    const fromAnswer = idsFromAnswer(userFields);
    const resolved = new Map<string, number | undefined>(
      names.map((name) => [name, fromAnswer.get(normalizeFieldName(name))]),
    );
    // The live answer lists every field the account defines: a name absent from it is absent.
    if (carriesIds(userFields)) return resolved;
    const unresolved = names.filter((name) => resolved.get(name) === undefined);
    if (unresolved.length === 0) return resolved;
    const dictionary = await dictionaryWith(unresolved);
    for (const name of unresolved) resolved.set(name, findUserFieldId(dictionary, name));
    return resolved;
  }

  /**
   * The seed's check on one user: the fields must be defined for the account. A missing user
   * surfaces as a `not_found` error from the Tech API.
   */
  async function lookupUserFields(identity: UserIdentity, names: readonly string[]): Promise<UserFieldLookup> {
    const userFields = await readUser(identity);
    const resolved = await resolveIds(userFields, names);
    const ids: Record<string, number> = {};
    const values: Record<string, UserCustomField["value"]> = {};
    const missing: MissingField[] = [];
    for (const name of names) {
      const id = resolved.get(name);
      if (id === undefined) {
        missing.push({ name, reason: "not_in_dictionary" });
        continue;
      }
      ids[name] = id;
      const onUser = userFields.find(
        (field) => field.id === id || normalizeFieldName(field.name) === normalizeFieldName(name),
      );
      values[name] = onUser?.value ?? null;
    }
    return { ids, values, missing, userFields };
  }

  /** The seed's `getUserFields`: `{custom: {fieldId: {name, value, type, units}}}`. */
  async function getUserFields(identity: UserIdentity): Promise<UserFieldsById> {
    const userFields = await readUser(identity);
    return userFieldsById(userFields, carriesIds(userFields) ? [] : await getFieldDictionary());
  }

  /** Writes fields by title; writes nothing and reports what is missing when any field is absent. */
  async function setUserFieldsByName(
    identity: UserIdentity,
    valuesByName: Record<string, string | number>,
  ): Promise<{ written: boolean; missing: MissingField[] }> {
    const lookup = await lookupUserFields(identity, Object.keys(valuesByName));
    if (lookup.missing.length > 0) return { written: false, missing: lookup.missing };
    const byId: CustomFieldValues = {};
    for (const [name, value] of Object.entries(valuesByName)) {
      const id = lookup.ids[name];
      if (id !== undefined) byId[id] = value;
    }
    await requireTech().updateUserCustomFields(identity, byId);
    return { written: true, missing: [] };
  }

  /**
   * Which of these user fields the account defines, without naming a customer: a set-up check
   * (Settings, start-up) and the school-key-only link path. The Tech API reads one real user (a
   * personal manager) whose answer lists every field; without the token, or without personal
   * managers, the cached Legacy dictionary answers.
   */
  async function definedUserFields(
    names: readonly string[],
    request: { fresh?: boolean } = {},
  ): Promise<DefinedFields> {
    if (tech) {
      const known = learned && !request.fresh && now() - learned.at < ttlMs ? learned : undefined;
      let ids = known?.ids;
      if (!ids) {
        const managers = await tech.getPersonalManagers().catch((error: unknown) => {
          if (!legacy) throw error;
          return [];
        });
        const sample = sampleManager(managers);
        if (sample) {
          const userFields = await readUser({ userId: sample.id });
          if (carriesIds(userFields)) ids = idsFromAnswer(userFields);
        }
      }
      if (ids) {
        const found = ids;
        const resolved = Object.fromEntries(
          names.flatMap((name) =>
            found.has(normalizeFieldName(name)) ? [[name, found.get(normalizeFieldName(name)) as number]] : [],
          ),
        );
        return { ids: resolved, missing: names.filter((name) => resolved[name] === undefined), source: "tech_answer" };
      }
      if (!legacy)
        throw new GetCourseError(
          "not_found",
          "no user to read the account's fields from: add a personal manager in GetCourse, or set the school key",
        );
    }
    const dictionary = request.fresh ? await getFieldDictionary({ fresh: true }) : await dictionaryWith(names);
    const ids: Record<string, number> = {};
    for (const name of names) {
      const id = findUserFieldId(dictionary, name);
      if (id !== undefined) ids[name] = id;
    }
    return { ids, missing: names.filter((name) => ids[name] === undefined), source: "dictionary" };
  }

  return { getFieldDictionary, lookupUserFields, getUserFields, setUserFieldsByName, definedUserFields };
}
