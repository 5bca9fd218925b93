"use client";

import { type ReactNode, useActionState } from "react";

/** What a user-management action answers; `password` is a one-time password to show once. */
export type UserActionState =
  | { status: "idle" }
  | { status: "ok"; message: string; password?: string }
  | { status: "error"; message: string };

export type UserAction = (state: UserActionState, form: FormData) => Promise<UserActionState>;

/** A form posting to a server action, with its answer shown beside it. */
export function ActionForm({ action, children, className, testId }: { action: UserAction; children: ReactNode; className?: string; testId?: string }) {
  const [state, submit, pending] = useActionState(action, { status: "idle" });
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
          {state.password && (
            <code data-testid="one-time-password" className="inline-block select-all rounded bg-muted px-2 py-1 font-mono">
              {state.password}
            </code>
          )}
        </div>
      )}
    </form>
  );
}
