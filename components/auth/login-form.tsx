"use client";

import { signIn } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { type Locale, type MessageKey, translator } from "@/lib/i18n/messages";

/** next-auth's `?error=` codes (lib/auth/options.ts) as messages; `throttled:<minutes>`. */
function errorMessage(code: string, t: ReturnType<typeof translator>): string {
  const [kind, minutes = "15"] = code.split(":");
  const keys: Record<string, MessageKey> = {
    invalid: "auth.login.error.invalid",
    CredentialsSignin: "auth.login.error.invalid",
    inactive: "auth.login.error.inactive",
    throttled: "auth.login.error.throttled",
  };
  return t(keys[kind ?? ""] ?? "auth.login.error.unknown", { minutes });
}

export function LoginForm({ locale, next, initialError }: { locale: Locale; next: string; initialError?: string }) {
  const t = translator(locale);
  const [error, setError] = useState(initialError ? errorMessage(initialError, t) : "");
  const [pending, setPending] = useState(false);

  async function submit(form: FormData) {
    setPending(true);
    setError("");
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    }).catch(() => undefined);
    if (result?.ok && !result.error) {
      // A full load, so the dashboard renders on the server with the new cookie.
      window.location.assign(next);
      return;
    }
    setError(errorMessage(result?.error ?? "unknown", t));
    setPending(false);
  }

  return (
    <form action={submit} className="space-y-4">
      <div className="space-y-1.5">
        <label htmlFor="login-email" className="text-sm font-medium">
          {t("auth.login.email")}
        </label>
        <Input
          id="login-email"
          name="email"
          type="email"
          autoComplete="username"
          autoFocus
          required
          className="h-10 w-full"
        />
      </div>
      <div className="space-y-1.5">
        <label htmlFor="login-password" className="text-sm font-medium">
          {t("auth.login.password")}
        </label>
        <Input
          id="login-password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          className="h-10 w-full"
        />
      </div>
      {error && (
        <p
          role="alert"
          data-testid="login-error"
          className="rounded-md bg-destructive/10 px-3 py-2 text-sm text-destructive"
        >
          {error}
        </p>
      )}
      <Button type="submit" className="h-10 w-full" disabled={pending}>
        {t(pending ? "auth.login.submitting" : "auth.login.submit")}
      </Button>
    </form>
  );
}
