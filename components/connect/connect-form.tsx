"use client";

import { type ReactNode, useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import type { Locale, MessageKey } from "@/lib/i18n/messages";
import { translator } from "@/lib/i18n/messages";
import type { ConnectFormResult } from "@/lib/linking/connect-form";
import { ConnectNotice } from "./connect-notice";

/** `code`: the e-mailed code is asked for next (SMTP configured). */
export type ConnectFormState = { step: "email" | "code"; result: ConnectFormResult | null };
export type ConnectAction = (state: ConnectFormState, form: FormData) => Promise<ConnectFormState>;

/** Answers the customer can act on by changing the e-mail or trying again; the form stays. */
const RETRYABLE: Partial<Record<ConnectFormResult["status"], MessageKey>> = {
  wrong_code: "connect.result.wrong_code",
  code_expired: "connect.result.code_expired",
  user_not_found: "connect.result.user_not_found",
  conflict: "connect.result.conflict",
  unavailable: "connect.result.unavailable",
  rate_limited: "connect.result.rate_limited",
  error: "connect.result.error",
};

export function ConnectForm({ token, locale, action }: { token: string; locale: Locale; action: ConnectAction }) {
  const t = translator(locale);
  const [state, submit, pending] = useActionState(action, { step: "email", result: null });
  // Controlled, so the address stays in the field for correcting after an answer.
  const [email, setEmail] = useState("");
  const result = state.result;

  if (result?.status === "linked") {
    return (
      <ConnectNotice tone="success" title={t("connect.result.linked.title")}>
        {t("connect.result.linked")}
      </ConnectNotice>
    );
  }
  if (result?.status === "accepted") {
    return (
      <ConnectNotice tone="success" title={t("connect.result.accepted.title")}>
        {t("connect.result.accepted")}
      </ConnectNotice>
    );
  }
  if (result?.status === "pending") {
    return (
      <ConnectNotice tone="pending" title={t("connect.result.pending.title")}>
        {t("connect.result.pending")}
      </ConnectNotice>
    );
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
  const minutes =
    result?.status === "rate_limited" ? String(Math.max(1, Math.ceil(result.retryAfterSeconds / 60))) : "";
  const message = messageKey && (
    <p
      role="alert"
      data-testid="connect-message"
      className="rounded-md bg-destructive/10 px-3 py-2 text-sm text-destructive"
    >
      {t(messageKey, { minutes })}
    </p>
  );

  const form = { submit, token, message, pending, pendingLabel: t("connect.submitting") };
  if (state.step === "code") {
    return (
      <StepForm
        {...form}
        title={t("connect.code.title")}
        intro={t("connect.code.intro", { email })}
        submitLabel={t("connect.code.submit")}
        testId="connect-code-form"
      >
        <input type="hidden" name="step" value="code" />
        <label htmlFor="connect-code" className="text-sm font-medium">
          {t("connect.code")}
        </label>
        <input
          id="connect-code"
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          pattern="[0-9]{6}"
          maxLength={6}
          autoFocus
          required
          className="h-10 w-full rounded-md border border-border bg-card px-3 text-center text-lg tracking-widest outline-none focus-visible:ring-2 focus-visible:ring-primary"
        />
      </StepForm>
    );
  }

  return (
    <StepForm {...form} title={t("connect.title")} intro={t("connect.intro")} submitLabel={t("connect.submit")}>
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
    </StepForm>
  );
}

/** One step of the form: heading, the personal link's token, its field(s), the answer, the button. */
function StepForm(props: {
  submit: (form: FormData) => void;
  token: string;
  title: string;
  intro: string;
  message: ReactNode;
  pending: boolean;
  pendingLabel: string;
  submitLabel: string;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <form action={props.submit} noValidate className="space-y-4" data-testid={props.testId}>
      <div className="space-y-1 text-center">
        <h1 className="text-xl font-semibold tracking-tight">{props.title}</h1>
        <p className="text-sm text-muted-foreground">{props.intro}</p>
      </div>
      <input type="hidden" name="t" value={props.token} />
      <div className="space-y-1.5">{props.children}</div>
      {props.message}
      <Button type="submit" className="h-10 w-full" disabled={props.pending}>
        {props.pending ? props.pendingLabel : props.submitLabel}
      </Button>
    </form>
  );
}
