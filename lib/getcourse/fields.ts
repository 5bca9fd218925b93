import { accountFailure, callAccountApi, type LegacyAccountConfig } from "./legacy-account";
import { fieldDictionarySchema, type FieldDefinition, type UserCustomField } from "./schemas";
import type { CustomFieldValues, UserIdentity } from "./tech-api";
import { parseAnswer } from "./transport";
import { legacyPaths } from "./urls";

/**
 * Custom fields: the Tech API reads them by name and writes them by numeric id, and lists no ids
 * (doc §3.3), so the Legacy dictionary `/pl/api/account/fields` maps names to ids. That call
 * spends the export budget (to be safe, as N8N does), so the dictionary is cached.
 */

export type FieldDictionaryOptions = {
  /** How long a fetched dictionary is reused. Default 10 min. */
  ttlMs?: number;
  /** A name missing from the cached dictionary triggers one refetch, at most this often. Default 60 s. */
  refreshOnMissMinIntervalMs?: number;
};

export type MissingField = { name: string; reason: "not_in_dictionary" | "not_on_user" };

export type UserFieldLookup = {
  /** Asked name → field id, for the fields found both in the dictionary and on the user. */
  ids: Record<string, number>;
  /** Current values by asked name (null when empty). */
  values: Record<string, UserCustomField["value"]>;
  missing: MissingField[];
  userFields: UserCustomField[];
};

/** The seed's `getUserFields` shape: field id → `{name, value, type, units}`. */
export type UserFieldsById = { custom: Record<string, UserCustomField> };

type TechReader = {
  getUserCustomFields(identity: UserIdentity): Promise<UserCustomField[]>;
  updateUserCustomFields(identity: UserIdentity, values: CustomFieldValues): Promise<UserCustomField[]>;
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

/** Joins the Tech API's field list with the dictionary into the seed's id-keyed shape. */
export function userFieldsById(userFields: readonly UserCustomField[], dictionary: readonly FieldDefinition[]): UserFieldsById {
  const custom: Record<string, UserCustomField> = {};
  for (const field of userFields) {
    const id = findUserFieldId(dictionary, field.name);
    if (id !== undefined) custom[String(id)] = field;
  }
  return { custom };
}

/** After a failed dictionary fetch, no new fetch for this long, doubling per failure up to the cap. */
const FAILURE_HOLD_MS = 2_000;
const FAILURE_HOLD_MAX_MS = 5 * 60_000;

export function createFieldDirectory(config: LegacyAccountConfig, tech: TechReader, options: FieldDictionaryOptions = {}) {
  const ttlMs = options.ttlMs ?? 10 * 60_000;
  const refreshOnMissMs = options.refreshOnMissMinIntervalMs ?? 60_000;
  const now = () => Date.now();
  let cached: { at: number; fields: FieldDefinition[] } | undefined;
  // Found by the fault tests: with GetCourse down, every link request and every queued retry
  // fetched the dictionary again, each try spending the 100-per-2-hours export budget, so a
  // minute's outage locked linking out for up to two hours after GetCourse was back. Now callers
  // share one fetch in flight, a failure holds further fetches back (doubling, capped), and an
  // expired dictionary is used rather than none while GetCourse is away.
  let inFlight: Promise<FieldDefinition[]> | undefined;
  let failure: { at: number; holdMs: number; error: unknown } | undefined;

  async function fetchDictionary(): Promise<FieldDefinition[]> {
    const what = "field dictionary";
    try {
      const answer = await callAccountApi(config, { path: legacyPaths.fields, what, idempotent: true });
      if (!answer.ok) throw accountFailure(answer, what);
      const fields = parseAnswer(fieldDictionarySchema, answer.info ?? [], what);
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
    if (!request.fresh && cached && now() - cached.at < ttlMs) return cached.fields;
    if (failure && now() - failure.at < failure.holdMs) {
      if (cached) return cached.fields;
      throw failure.error;
    }
    inFlight ??= fetchDictionary().finally(() => (inFlight = undefined));
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

  /**
   * The seed's check: a field is usable when it is in the dictionary and among the fields GetCourse
   * returns for this user. A missing user surfaces as a `not_found` error from the Tech API.
   */
  async function lookupUserFields(identity: UserIdentity, names: readonly string[]): Promise<UserFieldLookup> {
    const [userFields, dictionary] = await Promise.all([tech.getUserCustomFields(identity), dictionaryWith(names)]);
    const ids: Record<string, number> = {};
    const values: Record<string, UserCustomField["value"]> = {};
    const missing: MissingField[] = [];
    for (const name of names) {
      const id = findUserFieldId(dictionary, name);
      const onUser = userFields.find((field) => normalizeFieldName(field.name) === normalizeFieldName(name));
      if (id === undefined) missing.push({ name, reason: "not_in_dictionary" });
      else if (!onUser) missing.push({ name, reason: "not_on_user" });
      else {
        ids[name] = id;
        values[name] = onUser.value;
      }
    }
    return { ids, values, missing, userFields };
  }

  /** The seed's `getUserFields`: `{custom: {fieldId: {name, value, type, units}}}`. */
  async function getUserFields(identity: UserIdentity): Promise<UserFieldsById> {
    const [userFields, dictionary] = await Promise.all([tech.getUserCustomFields(identity), getFieldDictionary()]);
    return userFieldsById(userFields, dictionary);
  }

  /** Writes fields by title; writes nothing and reports what is missing when any field is absent. */
  async function setUserFieldsByName(
    identity: UserIdentity,
    valuesByName: Record<string, string | number>,
  ): Promise<{ written: boolean; missing: MissingField[]; userFields: UserCustomField[] }> {
    const lookup = await lookupUserFields(identity, Object.keys(valuesByName));
    if (lookup.missing.length > 0) return { written: false, missing: lookup.missing, userFields: lookup.userFields };
    const byId: CustomFieldValues = {};
    for (const [name, value] of Object.entries(valuesByName)) {
      const id = lookup.ids[name];
      if (id !== undefined) byId[id] = value;
    }
    const userFields = await tech.updateUserCustomFields(identity, byId);
    return { written: true, missing: [], userFields };
  }

  return { getFieldDictionary, lookupUserFields, getUserFields, setUserFieldsByName };
}
