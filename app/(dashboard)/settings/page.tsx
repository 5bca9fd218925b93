import { headers } from "next/headers";
import type { ReactNode } from "react";
import { BackfillProgress } from "@/components/settings/backfill-progress";
import { ConnectionTest } from "@/components/settings/connection-test";
import { CopyField } from "@/components/settings/copy-field";
import { SalebotUsageCard } from "@/components/settings/salebot-usage";
import { StartLinkProgress } from "@/components/settings/start-link-progress";
import { type Action, ActionForm } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/input";
import { can } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { acceptedToken } from "@/lib/auth/tokens";
import { addDays, todayIn } from "@/lib/analytics/period";
import { getForwardingSettings, MAX_ATTEMPTS_RANGE, ORDER_EVENT_KINDS } from "@/lib/forwarding/settings";
import { formatsFor } from "@/lib/i18n/format";
import { type Locale, type MessageKey, type Translate } from "@/lib/i18n/messages";
import { getTranslator } from "@/lib/i18n/server";
import { pasteTargets } from "@/lib/settings/call-urls";
import type { Verdict } from "@/lib/settings/connection-test";
import type { FieldCheck } from "@/lib/settings/field-check";
import { getSettingsView, type FieldView } from "@/lib/settings/settings-view";
import { getSalebotUsageView } from "@/lib/salebot-quota/settings-view";
import { getMatchingSetting } from "@/lib/matching/setting";
import {
  backfillProgressAction,
  startLinkProgressAction,
  startStartLinksAction,
  clearUpstreamSamplesAction,
  rotateTokenAction,
  saveLegacyGetCourseTokenAction,
  saveFieldsAction,
  saveForwardingAction,
  saveGetCourseAction,
  saveMatchingAction,
  saveSalebotAction,
  saveSalebotVariablesAction,
  startBackfillAction,
  testConnectionAction,
} from "./actions";
import { titledBy } from "@/lib/i18n/metadata";
import { CodeText } from "@/components/ui/code-text";

export const dynamic = "force-dynamic";
export const generateMetadata = titledBy("nav.settings", "settings.manage");

const VERDICTS: Verdict[] = [
  "ok",
  "not_configured",
  "wrong_key",
  "unreachable",
  "timeout",
  "no_api",
  "rate_limited",
  "not_found",
  "missing_fields",
  "error",
];

async function publicBaseUrl(appUrl: string | undefined): Promise<string> {
  if (appUrl) return appUrl;
  // Without APP_URL, the address this admin reached the hub at is the best guess.
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  return `${h.get("x-forwarded-proto") ?? "http"}://${host}`;
}

function Field({ field, prefix, t }: { field: FieldView; prefix: string; t: Translate }) {
  const label = t(`${prefix}.${field.name}` as MessageKey);
  const source = t(`settings.source.${field.source}` as MessageKey);
  return (
    <label className="flex flex-col gap-1 text-sm" data-testid={`field-${prefix}-${field.name}`}>
      <span className="flex flex-wrap items-center gap-2">
        {label}
        <Badge tone={field.unreadable ? "danger" : "neutral"}>
          {field.unreadable ? t("settings.source.unreadable") : source}
        </Badge>
      </span>
      {field.secret ? (
        <>
          <Input
            name={field.name}
            type="password"
            autoComplete="off"
            placeholder={field.effective || t("settings.secret.empty")}
            className="w-96 max-w-full"
          />
          <span className="text-xs text-muted-foreground" data-testid="masked">
            {field.effective ? `${t("settings.secret.current")} ${field.effective}` : t("settings.secret.none")}
          </span>
          {field.saved && (
            <span className="flex items-center gap-2 text-xs">
              <input type="checkbox" name={`${field.name}.clear`} /> {t("settings.secret.clear")}
            </span>
          )}
        </>
      ) : (
        <Input name={field.name} defaultValue={field.saved} placeholder={field.effective} className="w-96 max-w-full" />
      )}
    </label>
  );
}

/** A settings section's fields as one form with its save button (`children` go first: hidden inputs). */
function FieldsForm({
  action,
  fields,
  prefix,
  testId,
  t,
  children,
}: {
  action: Action;
  fields: FieldView[];
  prefix: string;
  testId: string;
  t: Translate;
  children?: ReactNode;
}) {
  return (
    <ActionForm action={action} className="flex flex-col gap-3" testId={testId}>
      {children}
      {fields.map((field) => (
        <Field key={field.name} field={field} prefix={prefix} t={t} />
      ))}
      <div>
        <Button type="submit">{t("settings.save")}</Button>
      </div>
    </ActionForm>
  );
}

function formatMoment(at: Date | string, locale: Locale, timeZone: string): string {
  return formatsFor(locale, timeZone).dateTime(at);
}

/** The last check of the account's custom fields (start-up or "Test connection"), with the fix when one is missing. */
function FieldCheckStatus({
  check,
  t,
  locale,
  timeZone,
}: {
  check: FieldCheck | null;
  t: Translate;
  locale: Locale;
  timeZone: string;
}) {
  const state = !check ? "never" : check.error ? "error" : check.missing.length > 0 ? "missing" : "ok";
  const text =
    state === "never"
      ? t("settings.gc.fieldCheck.never")
      : state === "error"
        ? t("settings.gc.fieldCheck.error", { reason: check?.error ?? "" })
        : t(state === "missing" ? "settings.gc.fieldCheck.missing" : "settings.gc.fieldCheck.ok", {
            fields: (state === "missing" ? check?.missing : check?.required)?.join(", ") ?? "",
          });
  return (
    <div className="space-y-1 text-sm" data-testid="gc-field-check" data-state={state}>
      <span className="font-medium">{t("settings.gc.fieldCheck")}:</span>{" "}
      <span
        className={
          state === "ok"
            ? "text-emerald-700 dark:text-emerald-400"
            : state === "never"
              ? "text-muted-foreground"
              : "text-destructive"
        }
      >
        {text}
      </span>
      {check && (
        <span className="ml-1 text-xs text-muted-foreground">
          ({t("settings.gc.fieldCheck.at")} {formatMoment(check.checkedAt, locale, timeZone)}
          {check.source && `, ${t(`settings.gc.fieldCheck.source.${check.source}` as MessageKey)}`})
        </span>
      )}
    </div>
  );
}

// GET /settings – integration credentials, field names, forwarding rules, tokens, URLs to paste, import.
export default async function SettingsPage() {
  const user = await requirePageUser("settings.manage");
  const [{ locale, t, format }, view, forwarding, salebotUsage, matching] = await Promise.all([
    getTranslator(),
    getSettingsView(),
    getForwardingSettings(),
    getSalebotUsageView(),
    getMatchingSetting(),
  ]);
  // The tokens as callers must present them now (for the URLs shown to paste).
  const targets = pasteTargets(await publicBaseUrl(view.appUrl), {
    link: acceptedToken("link") ?? "",
    getcourseWebhook: acceptedToken("getcourse") ?? "",
  });
  const verdicts = Object.fromEntries(VERDICTS.map((v) => [v, t(`settings.verdict.${v}` as MessageKey)])) as Record<
    Verdict,
    string
  >;
  const checks = {
    config: t("settings.check.config"),
    tech_api: t("settings.check.tech_api"),
    sample_user: t("settings.check.sample_user"),
    fields: t("settings.check.fields"),
    legacy_api: t("settings.check.legacy_api"),
    get_clients: t("settings.check.get_clients"),
  };
  const copy = { copyLabel: t("settings.copy"), copiedLabel: t("settings.copied") };
  const today = todayIn(view.timeZone);
  // The import and the start-link write are runs of the same kind (backfill_runs): one set of words.
  const runStatus = {
    running: t("settings.backfill.status.running"),
    paused: t("settings.backfill.status.paused"),
    done: t("settings.backfill.status.done"),
    failed: t("settings.backfill.status.failed"),
  };

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("settings.title")}</h1>
        <p className="text-sm text-muted-foreground">{t("settings.subtitle")}</p>
      </div>

      {!view.appUrl?.startsWith("https://") && (
        <p className="text-sm text-muted-foreground" data-testid="secure-cookie-note">
          {t("settings.secureCookieNote")}
        </p>
      )}

      {view.unreadable && (
        <Card role="alert" className="border-destructive text-sm text-destructive" data-testid="unreadable-warning">
          {t("settings.unreadable")}
        </Card>
      )}

      <Card className="scroll-mt-6 space-y-4" id="getcourse">
        <h2 className="text-lg font-medium">{t("settings.gc.title")}</h2>
        <p
          className="flex flex-wrap items-center gap-2 text-sm"
          data-testid="gc-key-mode"
          data-mode={view.keyMode ?? "none"}
        >
          <span className="font-medium">{t("settings.gc.mode")}:</span>
          <Badge tone={view.keyMode ? "neutral" : "danger"}>
            {t(`settings.gc.mode.${view.keyMode ?? "none"}` as MessageKey)}
          </Badge>
        </p>
        <FieldsForm action={saveGetCourseAction} fields={view.getcourse} prefix="settings.gc" testId="gc-form" t={t}>
          <label className="flex flex-col gap-1 text-sm" data-testid="gc-unknown-email">
            {t("settings.gc.unknownEmail")}
            {/* Short options, so the closed select reads whole on a phone; what each does is spelled out below. */}
            <Select name="unknownEmail" defaultValue={view.unknownEmail} className="w-full max-w-xs">
              <option value="refuse">{t("settings.gc.unknownEmail.refuse")}</option>
              <option value="create">{t("settings.gc.unknownEmail.create")}</option>
            </Select>
            <span className="text-xs text-muted-foreground">
              {t("settings.gc.unknownEmail.refuse.hint")} {t("settings.gc.unknownEmail.create.hint")}
            </span>
            {view.keyMode === "school_key" && view.unknownEmail === "refuse" && (
              <span
                role="note"
                className="text-xs text-amber-700 dark:text-amber-400"
                data-testid="gc-refuse-needs-token"
              >
                {t("settings.gc.unknownEmail.needsToken")}
              </span>
            )}
          </label>
        </FieldsForm>
        <FieldCheckStatus check={view.fieldCheck} t={t} locale={locale} timeZone={view.timeZone} />
        <ConnectionTest
          run={testConnectionAction.bind(null, "getcourse")}
          buttonLabel={t("settings.test")}
          runningLabel={t("settings.testing")}
          verdicts={verdicts}
          checks={checks}
          testId="test-getcourse"
        />
        <p className="text-xs text-muted-foreground">{t("settings.test.note")}</p>
      </Card>

      <Card className="scroll-mt-6 space-y-4" id="salebot">
        <h2 className="text-lg font-medium">{t("settings.sb.title")}</h2>
        <p className="text-xs text-muted-foreground">
          {t("settings.sb.projects")}
          {view.extraProjects.length > 0 && ` ${t("settings.sb.extra")} ${view.extraProjects.join(", ")}`}
        </p>
        <FieldsForm action={saveSalebotAction} fields={view.salebot} prefix="settings.sb" testId="sb-form" t={t}>
          <input type="hidden" name="index" value="0" />
        </FieldsForm>
        <ConnectionTest
          run={testConnectionAction.bind(null, "salebot")}
          buttonLabel={t("settings.test")}
          runningLabel={t("settings.testing")}
          verdicts={verdicts}
          checks={checks}
          testId="test-salebot"
        />
      </Card>

      <SalebotUsageCard {...salebotUsage} save={saveSalebotVariablesAction} t={t} formats={format} />

      <Card className="scroll-mt-6 space-y-4" id="matching" data-testid="matching-settings">
        <h2 className="text-lg font-medium">{t("settings.matching.title")}</h2>
        <p className="text-xs text-muted-foreground">{t("settings.matching.description")}</p>
        <ActionForm action={saveMatchingAction} className="flex flex-col gap-2" testId="matching-form">
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="autoLinkPhone" defaultChecked={matching.autoLinkPhone} />
            {t("settings.matching.autoLinkPhone")}
          </label>
          <p className="text-xs text-muted-foreground">{t("settings.matching.autoLinkPhone.hint")}</p>
          <div>
            <Button type="submit">{t("settings.save")}</Button>
          </div>
        </ActionForm>
      </Card>

      <Card className="space-y-4">
        <h2 className="text-lg font-medium">{t("settings.fields.title")}</h2>
        <FieldsForm
          action={saveFieldsAction}
          fields={view.fields}
          prefix="settings.fields"
          testId="fields-form"
          t={t}
        />
      </Card>

      <Card className="space-y-4">
        <h2 className="text-lg font-medium">{t("settings.fwd.title")}</h2>
        <ActionForm action={saveForwardingAction} className="flex flex-col gap-3" testId="forwarding-form">
          <label className="flex flex-col gap-1 text-sm">
            {t("settings.fwd.method")}
            <Select name="method" defaultValue={forwarding.method} className="w-60">
              <option value="callback">callback</option>
              <option value="tg_callback">tg_callback</option>
            </Select>
          </label>
          <label className="flex flex-col gap-1 text-sm">
            {t("settings.fwd.botUsername")}
            <Input name="botUsername" defaultValue={forwarding.botUsername ?? ""} className="w-96 max-w-full" />
          </label>
          <label className="flex flex-col gap-1 text-sm">
            {t("settings.fwd.maxAttempts")}
            <Input
              name="maxAttempts"
              type="number"
              min={MAX_ATTEMPTS_RANGE.min}
              max={MAX_ATTEMPTS_RANGE.max}
              defaultValue={forwarding.maxAttempts}
              className="w-32"
            />
          </label>
          <label className="flex flex-col gap-1 text-sm">
            <span className="flex items-center gap-2">
              <input
                type="checkbox"
                name="orderDetailsOnlyToProvenLinks"
                defaultChecked={forwarding.orderDetailsOnlyToProvenLinks}
              />
              {t("settings.fwd.provenOnly")}
            </span>
            <span className="text-xs text-muted-foreground">{t("settings.fwd.provenOnlyHint")}</span>
          </label>
          {ORDER_EVENT_KINDS.map((kind) => (
            <div key={kind} className="flex flex-wrap items-end gap-3">
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  name={`events.${kind}.enabled`}
                  defaultChecked={forwarding.events[kind].enabled}
                />
                {t(`settings.fwd.event.${kind}` as MessageKey)}
              </label>
              <label className="flex flex-col gap-1 text-sm">
                {t("settings.fwd.message")}
                <Input
                  name={`events.${kind}.message`}
                  defaultValue={forwarding.events[kind].message}
                  className="w-72"
                />
              </label>
            </div>
          ))}
          <div className="flex flex-wrap items-end gap-3">
            <label className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="activity.enabled" defaultChecked={forwarding.activity.enabled} />
              {t("settings.fwd.activity")}
            </label>
            <label className="flex flex-col gap-1 text-sm">
              {t("settings.fwd.activityField")}
              <Input name="activity.field" defaultValue={forwarding.activity.field} className="w-72" />
            </label>
          </div>
          <div>
            <Button type="submit">{t("settings.save")}</Button>
          </div>
        </ActionForm>
      </Card>

      <Card className="space-y-4" data-testid="upstream-samples">
        <h2 className="text-lg font-medium">{t("settings.samples.title")}</h2>
        <p className="text-xs text-muted-foreground">{t("settings.samples.note")}</p>
        {view.samples.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("settings.samples.none")}</p>
        ) : (
          <>
            {view.samples.map((sample) => (
              <div key={sample.call} className="space-y-1" data-testid="upstream-sample">
                <p className="text-sm">
                  <code className="font-medium">{sample.call}</code> · {sample.count} {t("settings.samples.times")} ·{" "}
                  {formatMoment(sample.lastSeen, locale, view.timeZone)}
                </p>
                <p className="break-all text-xs text-muted-foreground">{sample.message}</p>
                <CopyField
                  label={sample.call}
                  value={`${sample.call}\n${sample.message}\n\n${sample.body}`}
                  testId={`sample-${sample.call}`}
                  {...copy}
                />
              </div>
            ))}
            <ActionForm action={clearUpstreamSamplesAction} testId="clear-samples">
              <Button type="submit" variant="outline" size="sm">
                {t("settings.samples.clear")}
              </Button>
            </ActionForm>
          </>
        )}
      </Card>

      <Card className="space-y-4">
        <h2 className="text-lg font-medium">{t("settings.tokens.title")}</h2>
        <p className="text-xs text-muted-foreground">{t("settings.tokens.note")}</p>
        {view.tokens.map((status) => (
          <ActionForm
            key={status.kind}
            action={rotateTokenAction}
            className="flex flex-wrap items-center gap-3"
            testId={`token-${status.kind}`}
            secretTestId="new-token"
          >
            <input type="hidden" name="kind" value={status.kind} />
            <span className="w-40 text-sm font-medium">{t(`settings.tokens.${status.kind}` as MessageKey)}</span>
            <code className="text-sm" data-testid="masked">
              {status.masked || t("settings.secret.none")}
            </code>
            <Badge tone={status.unreadable ? "danger" : "neutral"}>
              {status.unreadable
                ? t("settings.source.unreadable")
                : t(`settings.source.${status.source}` as MessageKey)}
            </Badge>
            <Button type="submit" variant="outline" size="sm">
              {t("settings.tokens.rotate")}
            </Button>
          </ActionForm>
        ))}
        <ActionForm action={saveLegacyGetCourseTokenAction} className="flex flex-col gap-2" testId="legacy-gc-token">
          <span className="flex flex-wrap items-center gap-3 text-sm">
            <label className="flex items-center gap-2">
              <input type="checkbox" name="accepted" defaultChecked={view.legacyGetCourseLinkToken} />
              {t("settings.tokens.legacy")}
            </label>
            <Button type="submit" variant="outline" size="sm">
              {t("settings.tokens.legacySave")}
            </Button>
          </span>
          {view.legacyGetCourseLinkToken && (
            <p className="text-xs text-muted-foreground" data-testid="legacy-gc-token-hint">
              {t("settings.tokens.legacyHint")}
            </p>
          )}
        </ActionForm>
      </Card>

      <Card className="space-y-4">
        <h2 className="text-lg font-medium">{t("settings.paste.title")}</h2>
        <CopyField label={t("settings.paste.gc")} value={targets.getcourseProcessUrl} testId="gc-call-url" {...copy} />
        <p className="text-xs text-muted-foreground">
          <CodeText text={t("settings.paste.gcNote")} />
        </p>
        <CopyField label={t("settings.paste.sb")} value={targets.salebotWebhookUrl} testId="sb-webhook-url" {...copy} />
        <CopyField label={t("settings.paste.link")} value={targets.linkUrl} testId="link-url" {...copy} />
        <CopyField label={t("settings.paste.linkBody")} value={targets.linkBlockBody} testId="link-body" {...copy} />
        <p className="text-xs text-muted-foreground">
          <CodeText text={t("settings.paste.linkNote")} />
        </p>
      </Card>

      {can(user, "backfill.run") && (
        <Card className="space-y-4">
          <h2 className="text-lg font-medium">{t("settings.backfill.title")}</h2>
          <p className="text-xs text-muted-foreground">{t("settings.backfill.note")}</p>
          <ActionForm action={startBackfillAction} className="flex flex-wrap items-end gap-3" testId="backfill-form">
            <label className="flex flex-col gap-1 text-sm">
              {t("settings.backfill.from")}
              <Input name="from" type="date" required defaultValue={addDays(today, -365)} />
            </label>
            <label className="flex flex-col gap-1 text-sm">
              {t("settings.backfill.to")}
              <Input name="to" type="date" required defaultValue={today} />
            </label>
            <Button type="submit">{t("settings.backfill.start")}</Button>
          </ActionForm>
          <BackfillProgress
            initial={view.backfill}
            load={backfillProgressAction}
            locale={locale}
            timeZone={view.timeZone}
            labels={{
              status: runStatus,
              processed: t("settings.backfill.processed"),
              pausedUntil: t("settings.backfill.pausedUntil"),
              waiting: t("settings.backfill.waiting"),
              none: t("settings.backfill.none"),
            }}
          />
        </Card>
      )}

      {can(user, "backfill.run") && (
        <Card className="space-y-4" id="start-links">
          <h2 className="text-lg font-medium">{t("settings.startLinks.title")}</h2>
          <p className="text-xs text-muted-foreground">
            <CodeText text={t("settings.startLinks.note", { field: view.startLinks.field })} />
          </p>
          <ActionForm
            action={startStartLinksAction}
            className="flex flex-wrap items-end gap-3"
            testId="start-links-form"
          >
            <Button type="submit">{t("settings.startLinks.start")}</Button>
          </ActionForm>
          <StartLinkProgress
            initial={view.startLinks.run}
            load={startLinkProgressAction}
            labels={{
              status: runStatus,
              processed: t("settings.backfill.processed"),
              written: t("settings.startLinks.written"),
              none: t("settings.startLinks.none"),
            }}
          />
        </Card>
      )}
    </div>
  );
}
