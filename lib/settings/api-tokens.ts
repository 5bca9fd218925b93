import { randomBytes } from "node:crypto";
import { z } from "zod";
import { recordAudit, type AuditActor } from "@/lib/audit";
import { acceptedToken, environmentToken } from "@/lib/auth/tokens";
import { db } from "@/lib/db";
import { log } from "@/lib/observability/log";
import { sealedSecretSchema } from "./integration-config";
import { maskSecret } from "./mask";
import { openSecret, sealSecret } from "./secrets";
import { setLegacyGetCourseLinkToken, setTokenOverrides, type ApiTokenKind } from "./token-cache";

/**
 * LINK_API_TOKEN / READ_API_TOKEN / GETCOURSE_WEBHOOK_TOKEN rotated from the Settings page. Sealed,
 * not hashed: the page has to show the link and webhook tokens inside the URLs to paste into
 * GetCourse and Salebot. Once rotated, the stored token is the only one accepted
 * (lib/auth/tokens.ts `acceptedToken`).
 */
export const API_TOKENS_SETTINGS_KEY = "api_tokens";
export const API_TOKEN_KINDS = ["link", "read", "getcourse"] as const satisfies readonly ApiTokenKind[];

const storedTokensSchema = z.object({
  link: sealedSecretSchema.nullish(),
  read: sealedSecretSchema.nullish(),
  getcourse: sealedSecretSchema.nullish(),
  /**
   * The GetCourse webhook still accepts the link token. Processes pasted before the webhook had a
   * token of its own carry the link token, and GetCourse never retries a refused call. The
   * migration `getcourse_webhook_token` turns it on for databases that already held data; new
   * installs start without it.
   */
  legacyGetCourseLinkToken: z.boolean().default(false),
});
type StoredTokens = z.infer<typeof storedTokensSchema>;

type Reader = { setting: Pick<typeof db.setting, "findUnique"> };

async function readStoredTokens(client: Reader = db): Promise<StoredTokens> {
  const row = await client.setting.findUnique({ where: { key: API_TOKENS_SETTINGS_KEY } });
  const parsed = storedTokensSchema.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : { legacyGetCourseLinkToken: false };
}

export type TokenStatus = {
  kind: ApiTokenKind;
  source: "settings" | "env" | "unset";
  masked: string;
  /** A rotated token that AUTH_SECRET can no longer open; the environment's token applies meanwhile. */
  unreadable: boolean;
};

/** Opens the stored tokens into the guards' cache; answers which ones could not be opened. */
export async function loadTokenOverrides(): Promise<ApiTokenKind[]> {
  const stored = await readStoredTokens();
  const overrides: Partial<Record<ApiTokenKind, string>> = {};
  const unreadable: ApiTokenKind[] = [];
  for (const kind of API_TOKEN_KINDS) {
    const sealed = stored[kind];
    if (!sealed) continue;
    try {
      overrides[kind] = openSecret(sealed);
    } catch {
      // Availability over lock-out: the environment's token keeps the bots working; the page says so.
      unreadable.push(kind);
      log.error("a rotated API token cannot be decrypted (AUTH_SECRET changed?); the environment's token applies", {
        kind,
      });
    }
  }
  setTokenOverrides(overrides);
  setLegacyGetCourseLinkToken(stored.legacyGetCourseLinkToken);
  return unreadable;
}

export async function tokenStatuses(): Promise<TokenStatus[]> {
  const stored = await readStoredTokens();
  return API_TOKEN_KINDS.map((kind) => {
    const sealed = stored[kind];
    let opened: string | undefined;
    try {
      opened = sealed ? openSecret(sealed) : undefined;
    } catch {
      opened = undefined;
    }
    const value = opened ?? environmentToken(kind);
    return {
      kind,
      source: opened ? "settings" : value ? "env" : "unset",
      masked: maskSecret(value),
      unreadable: Boolean(sealed) && !opened,
    };
  });
}

/** A new random token, stored, audited and accepted at once; the old one stops working. Shown once. */
export async function rotateApiToken(actor: AuditActor, kind: ApiTokenKind): Promise<string> {
  const token = randomBytes(24).toString("base64url");
  await db.$transaction(async (tx) => {
    const stored = await readStoredTokens(tx);
    const previous = acceptedToken(kind);
    const value = { ...stored, [kind]: sealSecret(token) };
    await tx.setting.upsert({
      where: { key: API_TOKENS_SETTINGS_KEY },
      create: { key: API_TOKENS_SETTINGS_KEY, value, updatedBy: actor?.email ?? null },
      update: { value, updatedBy: actor?.email ?? null },
    });
    await recordAudit(
      {
        actor,
        action: "settings.rotate_token",
        target: `token:${kind}`,
        before: { [kind]: maskSecret(previous) || null },
        after: { [kind]: maskSecret(token) },
      },
      tx,
    );
  });
  await loadTokenOverrides();
  return token;
}

export async function legacyGetCourseLinkTokenSetting(): Promise<boolean> {
  return (await readStoredTokens()).legacyGetCourseLinkToken;
}

/** Turns the legacy acceptance of the link token on the GetCourse webhook on or off; audited. */
export async function setLegacyGetCourseLinkTokenSetting(actor: AuditActor, accepted: boolean): Promise<void> {
  await db.$transaction(async (tx) => {
    const stored = await readStoredTokens(tx);
    if (stored.legacyGetCourseLinkToken === accepted) return;
    const value = { ...stored, legacyGetCourseLinkToken: accepted };
    await tx.setting.upsert({
      where: { key: API_TOKENS_SETTINGS_KEY },
      create: { key: API_TOKENS_SETTINGS_KEY, value, updatedBy: actor?.email ?? null },
      update: { value, updatedBy: actor?.email ?? null },
    });
    await recordAudit(
      {
        actor,
        action: "settings.update",
        target: "token:getcourse.legacy_link_token",
        before: { accepted: stored.legacyGetCourseLinkToken },
        after: { accepted },
      },
      tx,
    );
  });
  await loadTokenOverrides();
}
