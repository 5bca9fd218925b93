/**
 * Tokens rotated on the Settings page, held in memory for the guards (a token check must not
 * wait for the database). On globalThis because the lean Salebot webhook server
 * (scripts/server.ts) and Next's bundle are separate module graphs in the same process.
 */
export type ApiTokenKind = "link" | "read";

type TokenOverrides = Partial<Record<ApiTokenKind, string>>;

const holder = globalThis as unknown as { hubApiTokenOverrides?: TokenOverrides };

export function tokenOverride(kind: ApiTokenKind): string | undefined {
  return holder.hubApiTokenOverrides?.[kind];
}

export function setTokenOverrides(overrides: TokenOverrides | undefined): void {
  holder.hubApiTokenOverrides = overrides;
}
