import type { Translate } from "./messages";

/**
 * One value a relink writes (lib/linking/relink.ts `FieldChange`), in words: where, whose, which
 * field, before and after. Shared by the relink preview and the audit entry it leaves, so both
 * say the same thing. Kept free of the relink module so the audit page can read old rows too.
 */
export type FieldWrite = {
  system: string;
  target: string;
  field: string;
  before: string | null;
  after: string | null;
  pending?: boolean;
};

export type FieldWriteText = { system: string; who: string; field: string; before: string; after: string };

const SYSTEMS = ["gc", "salebot", "hub"] as const;

// Salebot and hub targets are stored as "client <id>" (rows written before this helper, and the
// preview still builds them so); a bare id reads the same.
const CLIENT_TARGET = /^(?:client )?(\d{1,20})$/;

export function fieldWriteText(t: Translate, change: FieldWrite): FieldWriteText {
  const system = (SYSTEMS as readonly string[]).includes(change.system)
    ? t(`relink.system.${change.system as (typeof SYSTEMS)[number]}`)
    : change.system;
  const client = change.system === "gc" ? null : CLIENT_TARGET.exec(change.target)?.[1];
  const who = client ? t("relink.who.client", { client }) : change.target;
  const field =
    change.system === "gc"
      ? t("relink.field.gc", { name: change.field })
      : change.system === "salebot"
        ? t("relink.field.salebot", { name: change.field })
        : change.field === "link"
          ? t("relink.field.link")
          : change.field;
  const empty = t("relink.value.empty");
  return {
    system,
    who,
    field,
    before: change.before ?? empty,
    after: change.pending && change.after === null ? t("relink.value.learnt") : (change.after ?? empty),
  };
}
