"use client";

import { useActionState } from "react";
import { CopyField } from "@/components/settings/copy-field";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/input";
import type { CampaignField } from "@/lib/campaigns/input";
import type { CampaignAction, CampaignFormState } from "./form-state";

export type CreateFormLabels = Record<
  | "name"
  | "bot"
  | "botHint"
  | "kind"
  | "kindTelegram"
  | "kindSalebot"
  | "salebotLink"
  | "salebotLinkHint"
  | "startCode"
  | "startCodeHint"
  | "submit"
  | "telegramLink"
  | "salebotLinkOut"
  | "salebotMissing"
  | "copy"
  | "copied",
  string
>;

const UTM_FIELDS: { name: CampaignField; label: string }[] = [
  { name: "utmSource", label: "utm_source *" },
  { name: "utmMedium", label: "utm_medium" },
  { name: "utmCampaign", label: "utm_campaign" },
  { name: "utmContent", label: "utm_content" },
  { name: "utmTerm", label: "utm_term" },
];

/** The create form: errors beside their fields, and both link forms with copy buttons once created. */
export function CreateCampaignForm({ action, labels }: { action: CampaignAction; labels: CreateFormLabels }) {
  const [state, submit, pending] = useActionState<CampaignFormState, FormData>(action, { status: "idle" });
  const errors = state.status === "error" ? (state.fields ?? {}) : {};
  const values = state.status === "error" ? (state.values ?? {}) : {};

  const text = (
    name: CampaignField,
    label: string,
    hint?: string,
    props: { required?: boolean; className?: string } = {},
  ) => (
    <label className="flex flex-col gap-1 text-sm">
      {label}
      <Input
        name={name}
        defaultValue={values[name] ?? ""}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `campaign-${name}-error` : undefined}
        required={props.required}
        className={props.className ?? "w-56"}
      />
      {hint && !errors[name] && <span className="text-xs text-muted-foreground">{hint}</span>}
      {errors[name] && (
        <span
          id={`campaign-${name}-error`}
          role="alert"
          className="text-xs text-destructive"
          data-testid={`campaign-error-${name}`}
        >
          {errors[name]}
        </span>
      )}
    </label>
  );

  return (
    <div className="space-y-4">
      <form action={submit} data-testid="campaign-form" className="space-y-3">
        <fieldset disabled={pending} className="flex flex-wrap items-start gap-3">
          {text("name", labels.name, undefined, { required: true, className: "w-64" })}
          {text("bot", labels.bot, labels.botHint, { required: true })}
          <label className="flex flex-col gap-1 text-sm">
            {labels.kind}
            <Select name="kind" defaultValue={values.kind ?? "telegram_start"}>
              <option value="telegram_start">{labels.kindTelegram}</option>
              <option value="salebot_link">{labels.kindSalebot}</option>
            </Select>
          </label>
          {text("salebotLink", labels.salebotLink, labels.salebotLinkHint)}
          {text("startCode", labels.startCode, labels.startCodeHint)}
        </fieldset>
        <fieldset disabled={pending} className="flex flex-wrap items-start gap-3">
          {UTM_FIELDS.map((utm) => (
            <div key={utm.name}>{text(utm.name, utm.label, undefined, { className: "w-40" })}</div>
          ))}
        </fieldset>
        <Button type="submit" disabled={pending}>
          {labels.submit}
        </Button>
        {state.status === "error" && (
          <p role="alert" className="text-sm text-destructive">
            {state.message}
          </p>
        )}
      </form>
      {state.status === "ok" && state.created && (
        <div role="status" className="space-y-3 rounded-md border border-border p-4" data-testid="campaign-created">
          <p className="text-sm">{state.message}</p>
          <CopyField
            value={state.created.telegramUrl}
            label={labels.telegramLink}
            copyLabel={labels.copy}
            copiedLabel={labels.copied}
            testId="created-telegram-link"
          />
          {state.created.salebotUrl ? (
            <CopyField
              value={state.created.salebotUrl}
              label={labels.salebotLinkOut}
              copyLabel={labels.copy}
              copiedLabel={labels.copied}
              testId="created-salebot-link"
            />
          ) : (
            <p className="text-sm text-muted-foreground">{labels.salebotMissing}</p>
          )}
        </div>
      )}
    </div>
  );
}
