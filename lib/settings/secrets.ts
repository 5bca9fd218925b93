import { decryptSecret, encryptSecret } from "./crypto";
import type { SealedSecret } from "./integration-config";
import { lastFour, MASK } from "./mask";

/** A secret ready for the `settings` table: sealed, with the hint the UI may show. */
export function sealSecret(plain: string): SealedSecret {
  return { sealed: encryptSecret(plain), hint: lastFour(plain) };
}

export function openSecret(secret: SealedSecret): string {
  return decryptSecret(secret.sealed);
}

/** What the browser and the audit log see of a stored secret. */
export function maskSealed(secret: SealedSecret | null | undefined): string | null {
  return secret ? `${MASK}${secret.hint}` : null;
}
