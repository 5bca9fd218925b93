import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * The audit log: who did what and when. Every admin action writes one entry; pass the
 * transaction client when the change itself runs in one, so the entry and the change commit
 * together.
 *
 * Actions are `<domain>.<verb>` in snake_case, e.g. `user.invite`, `link.relink`,
 * `settings.update`, `failure.retry`; `target` names the thing acted on (`user:12`, an e-mail,
 * a setting key). `before`/`after` hold only what changed; never put secrets in them.
 */

/** A person, or null for the system itself (first-admin bootstrap, the command line). */
export type AuditActor = { id: string | bigint; email: string } | null;

export type AuditEntry = {
  actor: AuditActor;
  action: string;
  target?: string | null;
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
};

type AuditWriter = { auditLog: Pick<typeof db.auditLog, "create"> };

const ACTION = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

/** Answers the entry's id, so a page can link to it (`/audit?id=`). */
export async function recordAudit(entry: AuditEntry, client: AuditWriter = db): Promise<bigint> {
  if (!ACTION.test(entry.action)) throw new Error(`audit action "${entry.action}" must look like "domain.verb"`);
  const created = await client.auditLog.create({
    data: {
      actorId: entry.actor ? BigInt(entry.actor.id) : null,
      actorEmail: entry.actor?.email ?? null,
      action: entry.action,
      target: entry.target ?? null,
      before: entry.before ?? undefined,
      after: entry.after ?? undefined,
    },
    select: { id: true },
  });
  return created.id;
}
