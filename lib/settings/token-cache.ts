/**
 * Tokens rotated on the Settings page, held in memory for the guards (a token check must not
 * wait for the database). Per copy of lib/: each copy that checks tokens loads them itself
 * (lib/settings/load.ts), and hears of a rotation from PostgreSQL, not from another copy.
 */
export type ApiTokenKind = "link" | "read" | "getcourse";

type TokenOverrides = Partial<Record<ApiTokenKind, string>>;

const holder: { hubApiTokenOverrides?: TokenOverrides; hubLegacyGetCourseLinkToken?: boolean } = {};

export function tokenOverride(kind: ApiTokenKind): string | undefined {
  return holder.hubApiTokenOverrides?.[kind];
}

export function setTokenOverrides(overrides: TokenOverrides | undefined): void {
  holder.hubApiTokenOverrides = overrides;
}

/** Whether the GetCourse webhook still accepts the link token (lib/settings/api-tokens.ts). */
export function legacyGetCourseLinkTokenAccepted(): boolean {
  return holder.hubLegacyGetCourseLinkToken ?? false;
}

export function setLegacyGetCourseLinkToken(accepted: boolean): void {
  holder.hubLegacyGetCourseLinkToken = accepted;
}
