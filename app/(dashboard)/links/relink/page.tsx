import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { ActionForm } from "@/components/ui/action-form";
import { requirePageUser } from "@/lib/auth/session";
import { getEnv } from "@/lib/env";
import type { Translate } from "@/lib/i18n/messages";
import { getTranslator } from "@/lib/i18n/server";
import { messengerLabel } from "@/lib/i18n/codes";
import { fieldWriteText } from "@/lib/i18n/field-change-text";
import { currentHintContext, fixHint } from "@/lib/linking/fix-hints";
import { emailInput } from "@/lib/email";
import { lookupGetCourseUser, previewRelink, type RelinkPreview, relinkInputSchema } from "@/lib/linking/relink";
import { type GetCourseUserMatch, searchGetCourseUsers } from "@/lib/queries/getcourse-users";
import { findClientWithLink, searchSalebotClients } from "@/lib/queries/salebot-clients";
import { firstValues, type RawSearchParams } from "@/lib/schemas/list-query";
import { applyRelinkAction, unlinkAction } from "./actions";
import { titledBy } from "@/lib/i18n/metadata";
import { PlainTableHead } from "@/components/ui/plain-table-head";

export const dynamic = "force-dynamic";
export const generateMetadata = titledBy("relink.title", "links.relink");

function defaultProject(): string {
  return currentHintContext().projectId || (getEnv().SALEBOT_PROJECT_ID ?? "");
}

function href(params: Record<string, string | undefined>): string {
  const search = new URLSearchParams(
    Object.entries(params).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
  return search.size > 0 ? `/links/relink?${search}` : "/links/relink";
}

/** A search that is a page address: the kept parameters, one text field, a button. */
function GetSearchForm({
  keep,
  name,
  value,
  label,
  submit,
}: {
  keep: Record<string, string | undefined>;
  name: string;
  value: string | undefined;
  label: string;
  submit: string;
}) {
  return (
    <form method="get" className="flex flex-wrap items-end gap-3">
      {Object.entries(keep).map(([key, kept]) => kept && <input key={key} type="hidden" name={key} value={kept} />)}
      <label className="flex flex-col gap-1 text-sm">
        {label}
        <Input name={name} defaultValue={value ?? ""} className="w-80 max-w-full" />
      </label>
      <Button type="submit" variant="outline">
        {submit}
      </Button>
    </form>
  );
}

/** What GetCourse and the hub know of an e-mail, in a line each. */
function Knowledge({ known, t }: { known: RelinkPreview["known"]; t: Translate }) {
  const gc =
    known.getcourse === null
      ? "relink.known.gc.unknown"
      : known.getcourse
        ? "relink.known.gc.yes"
        : "relink.known.gc.no";
  const hub =
    known.hub === "link"
      ? "relink.known.hub.link"
      : known.hub === "order"
        ? "relink.known.hub.order"
        : "relink.known.hub.none";
  return (
    <div className="space-y-1 text-sm" data-testid="relink-known" data-getcourse={String(known.getcourse)}>
      <p>{t(gc)}</p>
      <p className="text-muted-foreground">{t(hub)}</p>
    </div>
  );
}

function GcUserSearch({
  project,
  client,
  gq,
  matches,
  live,
  t,
}: {
  project: string;
  client: string;
  gq: string | undefined;
  matches: GetCourseUserMatch[];
  live: RelinkPreview["known"] | null;
  t: Translate;
}) {
  return (
    <div className="space-y-2" data-testid="relink-gc-search">
      <GetSearchForm
        keep={{ project, client }}
        name="gq"
        value={gq}
        label={t("relink.gcSearch")}
        submit={t("relink.gcSearch.find")}
      />
      <p className="text-xs text-muted-foreground">{t("relink.gcSearch.note")}</p>
      {live && <Knowledge known={live} t={t} />}
      {gq && matches.length === 0 && <p className="text-sm text-muted-foreground">{t("relink.gcSearch.none")}</p>}
      {matches.length > 0 && (
        <ul className="divide-y divide-border text-sm" data-testid="relink-gc-matches">
          {matches.map((match) => (
            <li key={match.email} className="flex flex-wrap items-center justify-between gap-2 py-2">
              <span className="break-all">
                {match.email}
                {match.gcUserId && <span className="text-muted-foreground"> · GC {match.gcUserId}</span>}
                {match.linkedClient && (
                  <span className="text-muted-foreground">
                    {" "}
                    · {t("relink.gcSearch.linked").replace("{client}", match.linkedClient)}
                  </span>
                )}
                {match.orders > 0 && (
                  <span className="text-muted-foreground">
                    {" "}
                    · {t("relink.gcSearch.orders").replace("{count}", String(match.orders))}
                  </span>
                )}
              </span>
              <Button asChild size="sm" variant="outline">
                <Link href={href({ project, client, email: match.email })}>{t("relink.gcSearch.pick")}</Link>
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** After a confirmed relink: the link as stored now, and where to read more. */
function DoneCard({
  project,
  client,
  auditId,
  link,
  t,
}: {
  project: string;
  client: string;
  auditId: string;
  link: { email: string; gcUserId: string | null } | null;
  t: Translate;
}) {
  return (
    <Card role="status" className="space-y-3" data-testid="relink-done">
      <h2 className="text-sm font-medium">{t("relink.state.title")}</h2>
      <p className="text-sm">
        {link
          ? t("relink.state.now")
              .replace("{client}", client)
              .replace("{email}", link.email)
              .replace("{gcUserId}", link.gcUserId ?? "—")
          : t("relink.state.none").replace("{client}", client)}
      </p>
      <div className="flex flex-wrap gap-3 text-sm">
        <Link
          href={`/customers/${project}-${client}`}
          className="font-medium underline"
          data-testid="relink-done-customer"
        >
          {t("relink.state.customer")}
        </Link>
        <Link href={`/audit?id=${auditId}`} className="font-medium underline" data-testid="relink-done-audit">
          {t("relink.state.audit")}
        </Link>
      </div>
    </Card>
  );
}

function GcStatus({ preview, t }: { preview: RelinkPreview; t: Translate }) {
  const { gc } = preview;
  if (gc.status === "ok") return <Badge tone="success">{t("relink.gc.ok")}</Badge>;
  const message =
    gc.code === "user_not_found"
      ? t("relink.gc.user_not_found")
      : gc.missing.length > 0
        ? t("relink.gc.fields_missing", { fields: gc.missing.join(", ") })
        : gc.code === "gc_auth_failed"
          ? t("relink.gc.auth_failed")
          : t("relink.gc.unavailable", { detail: gc.detail });
  return (
    <div className="space-y-1" role="alert">
      <Badge tone="danger">{message}</Badge>
      <p className="text-sm text-muted-foreground">{fixHint(t, gc.code, currentHintContext())}</p>
    </div>
  );
}

function PreviewCard({ preview, t }: { preview: RelinkPreview; t: Translate }) {
  const { input } = preview;
  if (preview.known.getcourse === false) {
    // Nothing to preview: the target is not a GetCourse user.
    return (
      <Card role="alert" className="space-y-2 border-destructive text-sm" data-testid="relink-refused">
        <p className="font-medium text-destructive">{t("relink.refused").replace("{email}", input.email)}</p>
        <Knowledge known={preview.known} t={t} />
      </Card>
    );
  }
  return (
    <Card className="space-y-4" data-testid="relink-preview">
      <h2 className="text-sm font-medium">{t("relink.step.preview")}</h2>
      <div className="space-y-1 text-sm">
        <p className="font-medium">{t("relink.current")}</p>
        <p>
          {preview.byClient
            ? t("relink.current.client", { email: preview.byClient.email })
            : t("relink.current.clientNone")}
        </p>
        <p>
          {preview.byEmail
            ? t("relink.current.email", { client: preview.byEmail.sbClientId })
            : t("relink.current.emailNone")}
        </p>
      </div>
      <Knowledge known={preview.known} t={t} />
      <GcStatus preview={preview} t={t} />
      {preview.noop ? (
        <p className="text-sm" data-testid="relink-noop">
          {t("relink.noop")}
        </p>
      ) : (
        <>
          <h3 className="text-sm font-medium">{t("relink.changes")}</h3>
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="relink-changes">
              <PlainTableHead
                cell="px-3 py-2"
                columns={[
                  t("relink.column.system"),
                  t("relink.column.target"),
                  t("relink.column.field"),
                  t("relink.column.before"),
                  t("relink.column.after"),
                ]}
              />
              <tbody>
                {preview.changes.map((change) => {
                  const text = fieldWriteText(t, change);
                  return (
                    <tr
                      key={`${change.system}:${change.target}:${change.field}`}
                      className="border-b border-border last:border-0"
                    >
                      <td className="px-3 py-2">{text.system}</td>
                      <td className="px-3 py-2">{text.who}</td>
                      <td className="px-3 py-2">{text.field}</td>
                      <td className="px-3 py-2 text-muted-foreground line-through decoration-muted-foreground/50">
                        {text.before}
                      </td>
                      <td className="px-3 py-2 font-medium">{text.after}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {preview.gc.status === "ok" && (
            <ActionForm
              action={applyRelinkAction}
              className="flex flex-wrap items-center gap-3"
              testId="relink-confirm"
            >
              <input type="hidden" name="project" value={input.projectId} />
              <input type="hidden" name="client" value={input.sbClientId} />
              <input type="hidden" name="email" value={input.email} />
              <Button type="submit">{t("relink.confirm")}</Button>
            </ActionForm>
          )}
        </>
      )}
    </Card>
  );
}

// GET /links/relink?project=&client=&email=&q= – admins: pick a client and an e-mail, preview, confirm; or unlink.
export default async function RelinkPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  await requirePageUser("links.relink");
  const params = firstValues(await searchParams);
  const { t } = await getTranslator();
  const project = /^\d{1,20}$/.test(params.project ?? "") ? (params.project as string) : defaultProject();
  const client = /^\d{1,20}$/.test(params.client ?? "") ? params.client : undefined;
  const q = params.q?.trim().slice(0, 200) || undefined;
  const email = params.email?.trim().slice(0, 320) || undefined;
  const gq = params.gq?.trim().slice(0, 320) || undefined;
  const done = /^\d{1,19}$/.test(params.done ?? "") ? params.done : undefined;
  // A whole e-mail typed into the GetCourse search is also asked of GetCourse itself.
  const [gcMatches, gcLive] =
    client && gq
      ? await Promise.all([
          searchGetCourseUsers(project, gq),
          emailInput.safeParse(gq.toLowerCase()).success ? lookupGetCourseUser(gq.toLowerCase()) : null,
        ])
      : [[], null];

  const matches = !client && q ? await searchSalebotClients(project, q) : [];
  const parsed =
    client && email ? relinkInputSchema.safeParse({ projectId: project, sbClientId: client, email }) : null;
  // The preview reads GetCourse live: the admin is about to change two systems on the strength of it.
  const preview = parsed?.success ? await previewRelink(parsed.data) : null;
  const picked = client ? await findClientWithLink(project, client) : null;
  const clientRow = picked?.client ?? null;

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("relink.title")}</h1>
        <p className="text-sm text-muted-foreground">{t("relink.subtitle")}</p>
      </div>

      <Card className="space-y-4">
        <h2 className="text-sm font-medium">{t("relink.step.pick")}</h2>
        {client ? (
          <p className="text-sm" data-testid="relink-client">
            {t("relink.client.selected").replace(
              "{client}",
              clientRow
                ? `${clientRow.name ?? "—"} (#${client}${clientRow.platformId ? `, ${messengerLabel(t, clientRow.messenger) ?? ""} ${clientRow.platformId}` : ""})`
                : `#${client} (${t("relink.client.unknown")})`,
            )}{" "}
            <Link href={href({ project, email })} className="text-muted-foreground hover:underline">
              {t("relink.client.change")}
            </Link>
          </p>
        ) : (
          <>
            <GetSearchForm
              keep={{ project, email }}
              name="q"
              value={q}
              label={t("relink.client.search")}
              submit={t("relink.client.find")}
            />
            {q && matches.length === 0 && <p className="text-sm text-muted-foreground">{t("relink.client.none")}</p>}
            {matches.length > 0 && (
              <ul className="divide-y divide-border text-sm" data-testid="relink-matches">
                {matches.map((match) => (
                  <li key={match.clientId} className="flex flex-wrap items-center justify-between gap-2 py-2">
                    <span>
                      {match.name ?? "—"} <span className="text-muted-foreground">#{match.clientId}</span>
                      {match.platformId && (
                        <span className="text-muted-foreground">
                          {" "}
                          · {messengerLabel(t, match.messenger)} {match.platformId}
                        </span>
                      )}
                      {match.linkedEmail && <span className="text-muted-foreground"> · {match.linkedEmail}</span>}
                    </span>
                    <Button asChild size="sm" variant="outline">
                      <Link href={href({ project, client: match.clientId, email })}>{t("relink.client.pick")}</Link>
                    </Button>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
        {client && (
          <form method="get" className="flex flex-wrap items-end gap-3" data-testid="relink-email-form">
            <input type="hidden" name="project" value={project} />
            <input type="hidden" name="client" value={client} />
            <label className="flex flex-col gap-1 text-sm">
              {t("relink.email")}
              <Input name="email" type="email" defaultValue={email ?? ""} required className="w-80" />
            </label>
            <Button type="submit">{t("relink.preview")}</Button>
          </form>
        )}
        {client && <GcUserSearch project={project} client={client} gq={gq} matches={gcMatches} live={gcLive} t={t} />}
        {parsed && !parsed.success && (
          <p role="alert" className="text-sm text-destructive">
            {t("relink.error.invalid")}
          </p>
        )}
      </Card>

      {done && client && (
        <DoneCard project={project} client={client} auditId={done} link={picked?.link ?? null} t={t} />
      )}

      {preview && <PreviewCard preview={preview} t={t} />}

      {client && picked?.linkedEmail && (
        <Card className="space-y-3" data-testid="relink-unlink">
          <p className="text-sm">{t("relink.unlink.hint", { client, email: picked.linkedEmail })}</p>
          <ActionForm action={unlinkAction} className="flex flex-wrap items-center gap-3">
            <input type="hidden" name="project" value={project} />
            <input type="hidden" name="client" value={client} />
            {/* A second, deliberate step (seen by e2e, unlike confirm()); the action checks it too. */}
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="confirm" value="yes" required data-testid="unlink-confirm" />
              {t("relink.unlink.confirm", { client })}
            </label>
            <Button type="submit" variant="destructive">
              {t("relink.unlink")}
            </Button>
          </ActionForm>
        </Card>
      )}
    </div>
  );
}
