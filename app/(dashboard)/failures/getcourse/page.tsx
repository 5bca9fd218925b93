import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { TabLink } from "@/components/ui/tab-link";
import { ActionForm, RowActionButton } from "@/components/ui/action-form";
import { can } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { listUnreadableCalls, type UnreadableCallRow } from "@/lib/queries/getcourse-calls";
import { TechnicalDetail } from "@/components/ui/technical-detail";
import { gcUnreadableLabel } from "@/lib/i18n/codes";
import type { Locale, MessageKey, Translate } from "@/lib/i18n/messages";
import { getTranslator } from "@/lib/i18n/server";
import type { RawSearchParams } from "@/lib/schemas/list-query";
import { dismissCallAction, reprocessCallAction } from "./actions";
import { titledBy } from "@/lib/i18n/metadata";

export const dynamic = "force-dynamic";
export const generateMetadata = titledBy("gcCalls.title", "failures.read");

const HINTS: Record<string, MessageKey> = {
  no_deal_id: "gcCalls.hint.no_deal_id",
  unreadable_body: "gcCalls.hint.unreadable_body",
  not_an_object: "gcCalls.hint.not_an_object",
};

/** The raw request as text; React escapes it, the token was redacted when it was stored. */
function RawRequest({ call, t }: { call: UnreadableCallRow; t: Translate }) {
  // Decoded, one parameter a line: what the admin compares with the template in GetCourse.
  const query = Object.entries(call.query)
    .map(([name, value]) => `${name}=${value}`)
    .join("\n");
  return (
    <div className="space-y-2 text-xs">
      <p className="font-mono">
        {call.method} /api/webhooks/getcourse{call.contentType ? ` · ${call.contentType}` : ""}
      </p>
      <div>
        <p className="text-muted-foreground">{t("gcCalls.query")}</p>
        <pre className="max-h-40 overflow-auto whitespace-pre-wrap break-all rounded bg-muted p-2">{query}</pre>
      </div>
      <div>
        <p className="text-muted-foreground">{t("gcCalls.body")}</p>
        <pre className="max-h-60 overflow-auto whitespace-pre-wrap break-all rounded bg-muted p-2">
          {call.body ?? t("gcCalls.noBody")}
        </pre>
      </div>
    </div>
  );
}

function CallCard({
  call,
  t,
  locale,
  when,
  canAct,
}: {
  call: UnreadableCallRow;
  t: Translate;
  locale: Locale;
  when: string;
  canAct: boolean;
}) {
  return (
    <Card className="grid gap-4 lg:grid-cols-2" data-testid="gc-unreadable-call">
      <div className="space-y-2">
        <p className="text-sm text-muted-foreground">
          {t("gcCalls.column.time")}: {when}
        </p>
        <RawRequest call={call} t={t} />
      </div>
      <div className="space-y-3">
        <div className="space-y-1">
          <p className="text-sm font-medium" data-testid="unreadable-reason">
            {gcUnreadableLabel(t, call.reason)}
          </p>
          <TechnicalDetail text={call.detail} locale={locale} t={t} />
        </div>
        <p className="text-sm" data-testid="fix-hint">
          {t(HINTS[call.reason] ?? "gcCalls.hint.no_deal_id")}
        </p>
        {call.handledAt ? (
          <p className="text-sm text-muted-foreground">
            {t("gcCalls.handledBy", { who: call.handledBy ?? "—" })}
            {call.dealId && `, ${t("gcCalls.handledDeal", { deal: call.dealId })}`}
          </p>
        ) : (
          canAct && (
            <div className="flex flex-wrap items-end gap-3">
              <ActionForm action={reprocessCallAction} className="flex flex-wrap items-end gap-2">
                <input type="hidden" name="id" value={call.id} />
                <label className="grid gap-1 text-xs">
                  {t("gcCalls.action.dealId")}
                  <input
                    name="dealId"
                    inputMode="numeric"
                    pattern="\d{1,20}"
                    className="h-8 w-40 rounded border border-border bg-background px-2 text-sm"
                  />
                </label>
                <Button type="submit" size="sm">
                  {t("gcCalls.action.reprocess")}
                </Button>
              </ActionForm>
              <RowActionButton
                action={dismissCallAction}
                id={call.id}
                className=""
                label={t("gcCalls.action.dismiss")}
              />
            </div>
          )
        )}
      </div>
    </Card>
  );
}

// GET /failures/getcourse?view=open|handled – GetCourse calls kept raw because they could not be read.
export default async function GetCourseCallsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const user = await requirePageUser("failures.read");
  const raw = await searchParams;
  const handled = raw.view === "handled";
  const [{ locale, t, format }, { rows, total }] = await Promise.all([
    getTranslator(),
    listUnreadableCalls({ handled }),
  ]);
  const canAct = can(user, "failures.retry");

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("gcCalls.title")}</h1>
        <p className="max-w-3xl text-sm text-muted-foreground">{t("gcCalls.subtitle")}</p>
      </div>
      <nav className="flex gap-2 border-b border-border" aria-label="view">
        <TabLink href="/failures" current={false}>
          {t("failures.title")}
        </TabLink>
        {(["open", "handled"] as const).map((view) => {
          const current = handled === (view === "handled");
          return (
            <TabLink
              key={view}
              href={view === "open" ? "/failures/getcourse" : "/failures/getcourse?view=handled"}
              current={current}
            >
              {t(view === "open" ? "gcCalls.tab.open" : "gcCalls.tab.handled")}
              {current && ` (${total})`}
            </TabLink>
          );
        })}
      </nav>
      {rows.length === 0 ? (
        <p className="text-sm text-muted-foreground">{t("gcCalls.empty")}</p>
      ) : (
        <div className="space-y-4">
          {rows.map((call) => (
            <CallCard
              key={call.id}
              call={call}
              t={t}
              locale={locale}
              when={format.dateTimeSeconds(call.receivedAt)}
              canAct={canAct}
            />
          ))}
        </div>
      )}
    </div>
  );
}
