import { randomUUID } from "node:crypto";
import { LINK_DETAILS } from "./details";
import { z } from "zod";
import { recordAudit } from "@/lib/audit";
import { can } from "@/lib/auth/permissions";
import type { SessionUser } from "@/lib/auth/session-user";
import { db } from "@/lib/db";
import { emailInput } from "@/lib/email";
import type { Link } from "@/lib/generated/prisma/client";
import { GetCourseError, MissingFieldsError } from "@/lib/getcourse";
import { forbidden, HttpError } from "@/lib/http";
import { getIntegrations, type Integrations } from "@/lib/integrations";
import { enqueue, QUEUES } from "@/lib/jobs/boss";
import { retryDelaySeconds } from "@/lib/jobs/retry-schedule";
import { log } from "@/lib/observability/log";
import { recordAttempt } from "./attempts";
import { gcFailure, LinkFailure, type LinkErrorCode } from "./codes";
import { withKeyLocks } from "./key-lock";
import { type SalebotSyncJob, writeKeysToGetCourse, writeKeysToSalebot } from "./link-customer";
import { proofColumns } from "./links";
import type { LinkRequest } from "./schemas";

/*
 * An admin's relink and unlink: the only way a link moves (DESIGN.md's conflict rule). The order
 * is the pipeline's: GetCourse first (the step that can refuse: no user, no fields, down), then
 * the hub's links, replaced in one transaction together with the audit entry, then Salebot, whose
 * failure leaves the link standing and is retried by the queue as in the bot's flow.
 */

const digits = z
  .string()
  .trim()
  .regex(/^\d{1,20}$/, { error: "must be a numeric id" });

export const relinkInputSchema = z.object({
  projectId: digits,
  sbClientId: digits,
  email: z.string().trim().toLowerCase().pipe(emailInput),
});
export type RelinkInput = z.infer<typeof relinkInputSchema>;

export const unlinkInputSchema = relinkInputSchema.pick({ projectId: true, sbClientId: true });
export type UnlinkInput = z.infer<typeof unlinkInputSchema>;

export type LinkSnapshot = {
  sbClientId: string;
  email: string;
  telegramId: string | null;
  gcUserId: string | null;
  source: string;
  linkedAt: string;
};

export type GcCheck = { status: "ok" } | { status: "blocked"; code: LinkErrorCode; detail: string; missing: string[] };

/** One value that changes; `after: null` with `pending` means "learnt on write" (the GC user id). */
export type FieldChange = {
  system: "gc" | "salebot" | "hub";
  target: string;
  field: string;
  before: string | null;
  after: string | null;
  pending?: boolean;
};

/**
 * Who knows the target e-mail. `getcourse`: the Tech API's answer (true/false), or null when only
 * the school key is set and GetCourse cannot be asked before a write. `hub`: where the hub's own
 * data has it (a link, an order), null when nowhere.
 */
export type EmailKnowledge = { getcourse: boolean | null; hub: "link" | "order" | null };

export type RelinkPreview = {
  input: RelinkInput;
  known: EmailKnowledge;
  client: { name: string | null; platformId: string | null; messenger: string | null } | null;
  telegramId: string | null;
  byClient: LinkSnapshot | null;
  byEmail: LinkSnapshot | null;
  gc: GcCheck;
  /** The target GC user's id when the hub already knows it (a link or an order), else learnt on write. */
  gcUserId: string | null;
  changes: FieldChange[];
  /** Already linked exactly so: nothing to confirm. */
  noop: boolean;
};

export type RelinkResult =
  | { kind: "done"; gcUserId: string; salebotPending: boolean; warnings: string[]; auditId: string }
  | { kind: "noop" }
  | { kind: "blocked"; code: LinkErrorCode; detail: string };

function snapshot(link: Link | null): LinkSnapshot | null {
  if (!link) return null;
  return {
    sbClientId: link.sbClientId,
    email: link.email,
    telegramId: link.telegramId,
    gcUserId: link.gcUserId,
    source: link.source,
    linkedAt: link.linkedAt.toISOString(),
  };
}

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success)
    throw new HttpError(
      400,
      "bad_request",
      `Invalid input: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  return parsed.data;
}

function integrationsFor(projectId: string): Integrations {
  const integrations = getIntegrations();
  // The pipeline writes with the configured project's key and fields; no other project is reachable yet.
  if (projectId !== integrations.projectId)
    throw new HttpError(422, "unknown_project", `Salebot project ${projectId} is not configured.`);
  return integrations;
}

function requireRelink(actor: SessionUser): void {
  if (!can(actor, "links.relink")) throw forbidden("Only admins may relink or unlink.");
}

const text = (value: unknown): string | null =>
  value === null || value === undefined || value === "" ? null : String(value);

/** The client's Telegram id: from its link, else its Telegram platform id, else its latest attempt. */
async function telegramIdOf(
  projectId: string,
  sbClientId: string,
  byClient: Link | null,
  client: RelinkPreview["client"],
): Promise<string | null> {
  if (byClient?.telegramId) return byClient.telegramId;
  if (client?.messenger === "telegram" && client.platformId && /^\d{1,20}$/.test(client.platformId))
    return client.platformId;
  const attempt = await db.linkAttempt.findFirst({
    where: { projectId, sbClientId, telegramId: { not: null } },
    orderBy: { id: "desc" },
    select: { telegramId: true },
  });
  return attempt?.telegramId ?? null;
}

/** The GC user the hub's own data ties to an e-mail (a link, else an order), and where it was seen. */
async function knownToHub(email: string): Promise<{ gcUserId: string | null; seen: EmailKnowledge["hub"] }> {
  const linked = await db.link.findFirst({
    where: { email },
    select: { gcUserId: true },
    orderBy: { gcUserId: { sort: "asc", nulls: "last" } },
  });
  if (linked?.gcUserId) return { gcUserId: linked.gcUserId, seen: "link" };
  const order = await db.gcOrder.findFirst({
    where: { email },
    select: { gcUserId: true },
    orderBy: [{ gcUserId: { sort: "asc", nulls: "last" } }, { orderedAt: "desc" }],
  });
  return { gcUserId: order?.gcUserId ?? null, seen: linked ? "link" : order ? "order" : null };
}

/** A live look at one whole e-mail: GetCourse's answer where it can be asked, and the hub's data. */
export async function lookupGetCourseUser(email: string): Promise<EmailKnowledge & { gcUserId: string | null }> {
  const { gc, fields } = getIntegrations();
  const [hub, read] = await Promise.all([
    knownToHub(email),
    gc.readUserKeys(email, [fields.salebot]).catch(() => null),
  ]);
  return { getcourse: read ? read.exists : null, hub: hub.seen, gcUserId: hub.gcUserId };
}

type FieldValues = { telegram: string | null; salebot: string | null };

/** The seed's check, live: user exists, both fields exist; their current values for the diff. */
async function checkGetCourse(
  { gc, fields }: Integrations,
  email: string,
): Promise<{ check: GcCheck; values: FieldValues; exists: boolean | null }> {
  try {
    const read = await gc.readUserKeys(email, [fields.telegram, fields.salebot]);
    const values = { telegram: read.values[fields.telegram] ?? null, salebot: read.values[fields.salebot] ?? null };
    // A relink moves a link to a GetCourse user, never to an e-mail GetCourse does not know
    // (whatever the bots' policy for unknown e-mails): a typo would create a stranger.
    if (read.exists === false) {
      const failure = gcFailure(new GetCourseError("not_found", "no such user"));
      return {
        check: { status: "blocked", code: failure.code, detail: failure.detail, missing: [] },
        values,
        exists: false,
      };
    }
    if (read.missing.length === 0) return { check: { status: "ok" }, values, exists: read.exists };
    const failure = gcFailure(new MissingFieldsError(read.missing), fields);
    return {
      check: { status: "blocked", code: failure.code, detail: failure.detail, missing: read.missing },
      values,
      exists: read.exists,
    };
  } catch (error) {
    const failure = gcFailure(error);
    return {
      check: { status: "blocked", code: failure.code, detail: failure.detail, missing: [] },
      values: { telegram: null, salebot: null },
      exists: null,
    };
  }
}

/**
 * What a relink would do, read live from GetCourse (the admin is about to confirm, and the user
 * or its fields may have changed since the bot's attempt). Writes nothing.
 */
export async function previewRelink(raw: RelinkInput): Promise<RelinkPreview> {
  const input = parse(relinkInputSchema, raw);
  const integrations = integrationsFor(input.projectId);
  const { projectId, sbClientId, email } = input;
  const { fields } = integrations;

  const [links, clientRow, hub] = await Promise.all([
    db.link.findMany({ where: { projectId, OR: [{ sbClientId }, { email }] } }),
    db.salebotClient.findUnique({
      where: { projectId_clientId: { projectId, clientId: sbClientId } },
      select: { name: true, platformId: true, messenger: true, variables: true },
    }),
    knownToHub(email),
  ]);
  const byClient = links.find((link) => link.sbClientId === sbClientId) ?? null;
  const byEmail = links.find((link) => link.email === email) ?? null;
  const client = clientRow
    ? { name: clientRow.name, platformId: clientRow.platformId, messenger: clientRow.messenger }
    : null;
  const telegramId = await telegramIdOf(projectId, sbClientId, byClient, client);
  const noop = Boolean(
    byClient &&
    byClient.email === email &&
    byClient.gcUserId &&
    (telegramId === null || byClient.telegramId === telegramId),
  );
  const movesFrom = byClient && byClient.email !== email ? byClient.email : null;

  const [target, previous] = await Promise.all([
    checkGetCourse(integrations, email),
    movesFrom ? checkGetCourse(integrations, movesFrom).then((found) => found.values) : Promise.resolve(null),
  ]);
  const gcUserId = byEmail?.gcUserId ?? hub.gcUserId;
  const storedVariables = (clientRow?.variables ?? {}) as Record<string, unknown>;

  const changes: FieldChange[] = [];
  const change = (entry: FieldChange) => {
    if (entry.pending || entry.before !== entry.after) changes.push(entry);
  };
  if (telegramId)
    change({ system: "gc", target: email, field: fields.telegram, before: target.values.telegram, after: telegramId });
  change({ system: "gc", target: email, field: fields.salebot, before: target.values.salebot, after: sbClientId });
  if (movesFrom && previous) {
    change({ system: "gc", target: movesFrom, field: fields.telegram, before: previous.telegram, after: null });
    change({ system: "gc", target: movesFrom, field: fields.salebot, before: previous.salebot, after: null });
  }
  const clientLabel = `client ${sbClientId}`;
  change({
    system: "salebot",
    target: clientLabel,
    field: "email",
    before: byClient?.email ?? text(storedVariables.email),
    after: email,
  });
  change({
    system: "salebot",
    target: clientLabel,
    field: "gc_user_id",
    before: byClient?.gcUserId ?? text(storedVariables.gc_user_id),
    after: gcUserId,
    pending: gcUserId === null,
  });
  const displaced = byEmail && byEmail.sbClientId !== sbClientId ? byEmail : null;
  if (displaced) {
    change({
      system: "salebot",
      target: `client ${displaced.sbClientId}`,
      field: "email",
      before: displaced.email,
      after: null,
    });
    change({
      system: "salebot",
      target: `client ${displaced.sbClientId}`,
      field: "gc_user_id",
      before: displaced.gcUserId,
      after: null,
    });
    change({
      system: "hub",
      target: `client ${displaced.sbClientId}`,
      field: "link",
      before: displaced.email,
      after: null,
    });
  }
  change({ system: "hub", target: clientLabel, field: "link", before: byClient?.email ?? null, after: email });

  return {
    input,
    known: { getcourse: target.exists, hub: hub.seen },
    client,
    telegramId,
    byClient: snapshot(byClient),
    byEmail: snapshot(byEmail),
    gc: target.check,
    gcUserId,
    changes: noop ? [] : changes,
    noop,
  };
}

/** Empties the hub's two fields on a GC user; best effort (answers a warning instead of throwing). */
async function clearGcFields({ gc, fields }: Integrations, email: string): Promise<string | null> {
  try {
    await gc.clearUserKeys(email, [fields.telegram, fields.salebot]);
    return null;
  } catch (error) {
    return LINK_DETAILS.text("gcFieldsNotCleared", { email, cause: gcFailure(error, fields).detail });
  }
}

async function clearSalebotVariables({ sb }: Integrations, sbClientId: string): Promise<string | null> {
  try {
    await sb.saveVariables({ clientId: sbClientId, variables: { email: "", gc_user_id: "" }, scope: "client" });
    return null;
  } catch (error) {
    return LINK_DETAILS.text("salebotVariablesNotCleared", {
      client: sbClientId,
      cause: error instanceof Error ? error.message : String(error),
    });
  }
}

async function lockKeysFor(projectId: string, sbClientId: string, email: string | null): Promise<string[]> {
  const links = await db.link.findMany({
    where: { projectId, OR: [{ sbClientId }, ...(email ? [{ email }] : [])] },
    select: { sbClientId: true, email: true },
  });
  const keys = new Set([`client:${projectId}:${sbClientId}`, ...(email ? [`email:${projectId}:${email}`] : [])]);
  for (const link of links) keys.add(`client:${projectId}:${link.sbClientId}`).add(`email:${projectId}:${link.email}`);
  return [...keys];
}

/**
 * Moves the link: re-checks everything (the preview the admin saw may be stale), writes GetCourse,
 * replaces the conflicting links and writes the audit entry in one transaction, then writes
 * Salebot. The attempt is logged with source "admin"; its success resolves the open failures of
 * the client and of the e-mail (lib/linking/attempts.ts).
 */
export async function applyRelink(actor: SessionUser, raw: RelinkInput): Promise<RelinkResult> {
  requireRelink(actor);
  const input = parse(relinkInputSchema, raw);
  const integrations = integrationsFor(input.projectId);
  const { projectId, sbClientId, email } = input;
  const keys = await lockKeysFor(projectId, sbClientId, email);

  return withKeyLocks(keys, async (): Promise<RelinkResult> => {
    const started = performance.now();
    const requestId = randomUUID();
    const preview = await previewRelink(input);
    if (preview.noop) return { kind: "noop" };
    const request: LinkRequest = { email, telegramId: preview.telegramId, sbClientId };
    const base = { requestId, projectId, request, source: "admin" as const, actor: actor.email };

    const blocked = async (code: LinkErrorCode, detail: string): Promise<RelinkResult> => {
      // Logged so nothing fails silently, and resolved at once: the admin saw it and nobody else needs to.
      const id = await recordAttempt({
        ...base,
        outcome: "failed",
        errorCode: code,
        errorDetail: LINK_DETAILS.text("relinkRefused", { detail }),
        durationMs: performance.now() - started,
      });
      await db.linkAttempt.update({ where: { id }, data: { resolvedAt: new Date() } });
      return { kind: "blocked", code, detail };
    };
    if (preview.gc.status === "blocked") return blocked(preview.gc.code, preview.gc.detail);

    let gcUserId: string;
    try {
      gcUserId = await writeKeysToGetCourse(integrations, request);
    } catch (error) {
      const failure = error instanceof LinkFailure ? error : gcFailure(error, integrations.fields);
      return blocked(failure.code, failure.detail);
    }

    const warnings: string[] = [];
    const movesFrom = preview.byClient && preview.byClient.email !== email ? preview.byClient.email : null;
    if (movesFrom) {
      const warning = await clearGcFields(integrations, movesFrom);
      if (warning) warnings.push(warning);
    }

    const linkedAt = new Date();
    const auditId = await db.$transaction(async (tx) => {
      await tx.link.deleteMany({ where: { projectId, OR: [{ sbClientId }, { email }] } });
      // An admin who relinks by hand vouches for the pair: the link counts as proven.
      await tx.link.create({
        data: {
          projectId,
          sbClientId,
          email,
          telegramId: request.telegramId,
          gcUserId,
          source: "admin",
          linkedAt,
          ...proofColumns("admin", linkedAt),
        },
      });
      return recordAudit(
        {
          actor,
          action: "link.relink",
          target: `client:${projectId}:${sbClientId}`,
          before: { client: preview.byClient, email: preview.byEmail },
          after: {
            link: { sbClientId, email, telegramId: request.telegramId, gcUserId, source: "admin" },
            changes: preview.changes.map((c) => ({ ...c, after: c.pending ? gcUserId : c.after, pending: undefined })),
          },
        },
        tx,
      );
    });

    const displaced = preview.byEmail && preview.byEmail.sbClientId !== sbClientId ? preview.byEmail.sbClientId : null;
    if (displaced) {
      const warning = await clearSalebotVariables(integrations, displaced);
      if (warning) warnings.push(warning);
    }

    try {
      await writeKeysToSalebot(integrations, request, gcUserId);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      await recordAttempt({
        ...base,
        outcome: "queued",
        gcUserId,
        errorCode: "salebot_unavailable",
        errorDetail: detail,
        durationMs: performance.now() - started,
      });
      const job: SalebotSyncJob = {
        projectId,
        request,
        gcUserId,
        requestId,
        count: 0,
        firstAttemptAt: new Date().toISOString(),
      };
      await enqueue(QUEUES.salebotSync, job, retryDelaySeconds(0));
      log.warn("relink: Salebot variables queued", { requestId, error });
      return { kind: "done", gcUserId, salebotPending: true, warnings, auditId: String(auditId) };
    }
    await recordAttempt({
      ...base,
      outcome: "success",
      gcUserId,
      errorDetail: LINK_DETAILS.text("relinkedByAdmin"),
      durationMs: performance.now() - started,
    });
    return { kind: "done", gcUserId, salebotPending: false, warnings, auditId: String(auditId) };
  });
}

/** Removes a client's link (audited with what it was), then clears GetCourse and Salebot, best effort. */
export async function unlink(
  actor: SessionUser,
  raw: UnlinkInput,
): Promise<{ removed: LinkSnapshot; warnings: string[] }> {
  requireRelink(actor);
  const { projectId, sbClientId } = parse(unlinkInputSchema, raw);
  const integrations = integrationsFor(projectId);
  const keys = await lockKeysFor(projectId, sbClientId, null);

  return withKeyLocks(keys, async () => {
    const removed = await db.$transaction(async (tx) => {
      const link = await tx.link.findUnique({ where: { projectId_sbClientId: { projectId, sbClientId } } });
      if (!link) throw new HttpError(404, "not_linked", `Salebot client ${sbClientId} is not linked.`);
      await tx.link.delete({ where: { id: link.id } });
      const before = snapshot(link) as LinkSnapshot;
      await recordAudit(
        { actor, action: "link.unlink", target: `client:${projectId}:${sbClientId}`, before, after: null },
        tx,
      );
      return before;
    });
    const warnings = (
      await Promise.all([clearGcFields(integrations, removed.email), clearSalebotVariables(integrations, sbClientId)])
    ).filter((warning): warning is string => warning !== null);
    return { removed, warnings };
  });
}
