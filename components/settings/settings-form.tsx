"use client";

import { type ReactNode, useActionState } from "react";
import type { SettingsAction, SettingsActionState } from "./action-state";

/** A settings form posting to a server action, its answer beside it; a new token is shown once. */
export function SettingsForm({ action, children, className, testId }: { action: SettingsAction; children: ReactNode; className?: string; testId?: string }) {
  const [state, submit, pending] = useActionState<SettingsActionState, FormData>(action, { status: "idle" });
  return (
    <form action={submit} className={className} data-testid={testId}>
      <fieldset disabled={pending} className="contents">
        {children}
      </fieldset>
      {state.status === "error" && (
        <p role="alert" className="basis-full text-sm text-destructive">
          {state.message}
        </p>
      )}
      {state.status === "ok" && (
        <div role="status" className="basis-full space-y-1 text-sm">
          <p>{state.message}</p>
          {state.secret && (
            <code data-testid="new-token" className="inline-block select-all break-all rounded bg-muted px-2 py-1 font-mono">
              {state.secret}
            </code>
          )}
        </div>
      )}
    </form>
  );
}
