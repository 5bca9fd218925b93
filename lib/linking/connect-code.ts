import { createHash, randomInt } from "node:crypto";
import { secretsEqual } from "@/lib/auth/tokens";
import { db } from "@/lib/db";

/**
 * One-time codes that prove a /connect customer owns the e-mail: six digits, mailed, valid for
 * 15 minutes and five tries, one open code per Salebot client (a new request replaces it).
 */
export const CONNECT_CODE_TTL_MS = 15 * 60 * 1000;
export const CONNECT_CODE_MAX_TRIES = 5;

type CodeOwner = { projectId: string; sbClientId: string };

function codeHash(owner: CodeOwner, email: string, code: string): string {
  return createHash("sha256").update(`${owner.projectId}\n${owner.sbClientId}\n${email}\n${code}`).digest("hex");
}

export async function issueConnectCode(
  owner: CodeOwner & { email: string; telegramId: string | null },
  now = new Date(),
): Promise<string> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const data = {
    email: owner.email,
    telegramId: owner.telegramId,
    codeHash: codeHash(owner, owner.email, code),
    attempts: 0,
    expiresAt: new Date(now.getTime() + CONNECT_CODE_TTL_MS),
  };
  await db.connectCode.upsert({
    where: { projectId_sbClientId: { projectId: owner.projectId, sbClientId: owner.sbClientId } },
    create: { projectId: owner.projectId, sbClientId: owner.sbClientId, ...data },
    update: { ...data, createdAt: now },
  });
  return code;
}

export type CodeCheck =
  { status: "ok"; email: string; telegramId: string | null } | { status: "wrong" } | { status: "expired" };

/** Each try counts before the comparison, so parallel guesses cannot share one try. A used code is gone. */
export async function checkConnectCode(owner: CodeOwner, code: string, now = new Date()): Promise<CodeCheck> {
  const where = { projectId_sbClientId: { projectId: owner.projectId, sbClientId: owner.sbClientId } };
  const counted = await db.connectCode.updateManyAndReturn({
    where: {
      projectId: owner.projectId,
      sbClientId: owner.sbClientId,
      attempts: { lt: CONNECT_CODE_MAX_TRIES },
      expiresAt: { gt: now },
    },
    data: { attempts: { increment: 1 } },
  });
  const row = counted[0];
  if (!row) {
    await db.connectCode.deleteMany({ where: { projectId: owner.projectId, sbClientId: owner.sbClientId } });
    return { status: "expired" };
  }
  if (!secretsEqual(codeHash(owner, row.email, code.trim()), row.codeHash)) return { status: "wrong" };
  await db.connectCode.delete({ where }).catch(() => undefined);
  return { status: "ok", email: row.email, telegramId: row.telegramId };
}
