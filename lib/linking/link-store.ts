import { escapeLiteral } from "pg";
import { z } from "zod";
import { dbPool } from "@/lib/db";
import type { LinkProof, LinkSource } from "@/lib/generated/prisma/client";
import { LinkFailure } from "./codes";
import type { LinkRequest } from "./schemas";

/**
 * The statements every link runs, on Prisma's own pool but without its query engine: at a few
 * hundred links a second the engine's per-query work was the largest part of the hub's CPU
 * (docs/scaling.md). Columns in UTC wall time, as Prisma writes them.
 */

const UTC_NOW = "(now() AT TIME ZONE 'UTC')";

/** What the conflict rule reads of a stored link. */
export type StoredLink = {
  id: bigint;
  sbClientId: string;
  email: string;
  telegramId: string | null;
  gcUserId: string | null;
};

export type ExistingLinks = { byClient: StoredLink | null; byEmail: StoredLink | null };

const storedLinkRow = z
  .object({
    id: z.string(),
    sb_client_id: z.string(),
    email: z.string(),
    telegram_id: z.string().nullable(),
    gc_user_id: z.string().nullable(),
  })
  .transform((row): StoredLink => ({
    id: BigInt(row.id),
    sbClientId: row.sb_client_id,
    email: row.email,
    telegramId: row.telegram_id,
    gcUserId: row.gc_user_id,
  }));

/**
 * The links of this client and of this e-mail, as one statement of literals: it rides in the same
 * round trip as the lease (lib/linking/key-lock.ts), after it, so it reads what the lease's
 * previous holder committed. The values are validated ids and e-mails, quoted all the same.
 */
export function findLinksStatement(projectId: string, request: LinkRequest): string {
  return `SELECT id::text, sb_client_id, email, telegram_id, gc_user_id FROM links
           WHERE project_id = ${escapeLiteral(projectId)}
             AND (sb_client_id = ${escapeLiteral(request.sbClientId)} OR email = ${escapeLiteral(request.email)})`;
}

export function existingLinks(rows: unknown[], request: LinkRequest): ExistingLinks {
  const links = z.array(storedLinkRow).parse(rows);
  return {
    byClient: links.find((link) => link.sbClientId === request.sbClientId) ?? null,
    byEmail: links.find((link) => link.email === request.email) ?? null,
  };
}

/** Stores the current link; another instance that linked the e-mail elsewhere meanwhile wins. */
export async function saveLink(
  projectId: string,
  request: LinkRequest,
  gcUserId: string,
  source: LinkSource,
  proof?: LinkProof,
): Promise<void> {
  try {
    // A known client keeps its e-mail (the conflict rule saw to that) and its Telegram id when none came.
    // Named: each pooled connection parses and plans it once, not on every link (about a tenth of
    // PostgreSQL's CPU per link with the attempt log's statement, docs/scaling.md).
    await dbPool().query({
      name: "link_save",
      text: `INSERT INTO links (project_id, sb_client_id, email, telegram_id, gc_user_id, source, proof, proven_at, linked_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6::"LinkSource", $7::"LinkProof", CASE WHEN $7::text IS NULL THEN NULL ELSE ${UTC_NOW} END, ${UTC_NOW}, ${UTC_NOW})
       ON CONFLICT (project_id, sb_client_id) DO UPDATE
         SET telegram_id = COALESCE(excluded.telegram_id, links.telegram_id), gc_user_id = excluded.gc_user_id,
             proof = COALESCE(excluded.proof, links.proof), proven_at = COALESCE(excluded.proven_at, links.proven_at),
             updated_at = excluded.updated_at`,
      values: [projectId, request.sbClientId, request.email, request.telegramId, gcUserId, source, proof ?? null],
    });
  } catch (error) {
    if ((error as { code?: string }).code === "23505") {
      throw new LinkFailure("conflict", `${request.email} was linked to another Salebot client at the same time.`);
    }
    throw error;
  }
}
