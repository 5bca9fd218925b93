"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import type { Locale, MessageKey } from "@/lib/i18n/messages";
import { translator } from "@/lib/i18n/messages";
import type { ConnectFormResult } from "@/lib/linking/connect-form";
import { ConnectNotice } from "./connect-notice";

export type ConnectFormState = { result: ConnectFormResult | null };
export type ConnectAction = (state: ConnectFormState, form: FormData) => Promise<ConnectFormState>;

/** Answers the customer can act on by changing the e-mail or trying again; the form stays. */
const RETRYABLE: Partial<Record<ConnectFormResult["status"], MessageKey>> = {
  user_not_found: "connect.result.user_not_found",
  conflict: "connect.result.conflict",
  unavailable: "connect.result.unavailable",
  rate_limited: "connect.result.rate_limited",
  error: "connect.result.error",
};

export function ConnectForm({ token, locale, action }: { token: string; locale: Locale; action: ConnectAction }) {
  const t = translator(locale);
  const [state, submit, pending] = useActionState(action, { result: null });
  // Controlled, so the address stays in the field for correcting after an answer.
  const [email, setEmail] = useState("");
  const result = state.result;

  if (result?.status === "linked") {
    return <ConnectNotice tone="success" title={t("connect.result.linked.title")}>{t("connect.result.linked")}</ConnectNotice>;
  }
  if (result?.status === "pending") {
    return <ConnectNotice tone="pending" title={t("connect.result.pending.title")}>{t("connect.result.pending")}</ConnectNotice>;
  }
  if (result?.status === "invalid_link") {
    return (
      <ConnectNotice tone="broken" title={t("connect.invalid.title")}>
        {t(result.reason === "expired" ? "connect.invalid.expired" : "connect.invalid.broken")}
      </ConnectNotice>
    );
  }

  const emailInvalid = result?.status === "invalid_email";
  const messageKey = result ? RETRYABLE[result.status] : undefined;
  const minutes = result?.status === "rate_limited" ? String(Math.max(1, Math.ceil(result.retryAfterSeconds / 60))) : "";

  return (
    <form action={submit} noValidate className="space-y-4">
      <div className="space-y-1 text-center">
        <h1 className="text-xl font-semibold tracking-tight">{t("connect.title")}</h1>
        <p className="text-sm text-muted-foreground">{t("connect.intro")}</p>
      </div>
      <input type="hidden" name="t" value={token} />
      <div className="space-y-1.5">
        <label htmlFor="connect-email" className="text-sm font-medium">
          {t("connect.email")}
        </label>
        <input
          id="connect-email"
          name="email"
          type="email"
          inputMode="email"
          autoComplete="email"
          autoFocus
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          placeholder={t("connect.email.placeholder")}
          aria-invalid={emailInvalid}
          aria-describedby={emailInvalid ? "connect-email-error" : undefined}
          className="h-10 w-full rounded-md border border-border bg-card px-3 text-sm outline-none focus-visible:ring-2 focus-visible:ring-primary aria-[invalid=true]:border-destructive"
        />
        {emailInvalid && (
          <p id="connect-email-error" role="alert" className="text-sm text-destructive">
            {t("connect.email.invalid")}
          </p>
        )}
      </div>
      {messageKey && (
        <p role="alert" data-testid="connect-message" className="rounded-md bg-destructive/10 px-3 py-2 text-sm text-destructive">
          {t(messageKey).replace("{minutes}", minutes)}
        </p>
      )}
      <Button type="submit" className="h-10 w-full" disabled={pending}>
        {t(pending ? "connect.submitting" : "connect.submit")}
      </Button>
    </form>
  );
}
