"use client";

import { LoaderCircle } from "lucide-react";
import { type FormEvent, type ReactNode, useActionState, useEffect, useRef } from "react";
import { useFormStatus } from "react-dom";
import { Button, type ButtonProps } from "./button";

/**
 * A form's submit button that shows it is working while its action runs (a link to GetCourse can
 * take seconds), so a second click is neither needed nor possible.
 */
export function SubmitButton({ children, ...props }: Omit<ButtonProps, "type" | "asChild">) {
  const { pending } = useFormStatus();
  return (
    <Button
      {...props}
      type="submit"
      disabled={pending || props.disabled}
      aria-busy={pending}
      data-pending={pending || undefined}
    >
      {pending && <LoaderCircle aria-hidden className="h-4 w-4 animate-spin" />}
      {children}
    </Button>
  );
}

/**
 * What a dashboard server action answers. `secret` is a value shown once (a one-time password, a
 * rotated token) and never again; `detail` is technical text (often an outside service's English)
 * folded under the message.
 */
export type ActionDetail = { label: string; text: string };
export type ActionState =
  | { status: "idle" }
  | { status: "ok"; message: string; secret?: string; detail?: ActionDetail }
  | { status: "error"; message: string; detail?: ActionDetail };

function FoldedDetail({ detail }: { detail: ActionDetail | undefined }) {
  if (!detail) return null;
  return (
    <details className="text-xs text-muted-foreground" data-raw>
      <summary className="cursor-pointer select-none">{detail.label}</summary>
      <span lang="en" className="whitespace-pre-line break-words">
        {detail.text}
      </span>
    </details>
  );
}

export type Action = (state: ActionState, form: FormData) => Promise<ActionState>;

/**
 * Puts the submitted values back into a form that React reset. React resets a `<form action={fn}>`
 * after every submission, so a refused value went back to the saved one and what was typed was
 * lost. Hidden inputs keep what the page renders.
 */
function restoreFormValues(form: HTMLFormElement, data: FormData): void {
  for (const element of Array.from(form.elements)) {
    if (element instanceof HTMLInputElement) {
      if (!element.name || element.type === "hidden" || element.type === "file") continue;
      if (element.type === "checkbox" || element.type === "radio") {
        element.checked = data.getAll(element.name).includes(element.value);
      } else {
        element.value = String(data.get(element.name) ?? "");
      }
    } else if (element instanceof HTMLSelectElement || element instanceof HTMLTextAreaElement) {
      if (element.name) element.value = String(data.get(element.name) ?? "");
    }
  }
}

/** A form posting to a server action, with its answer shown beside it. */
export function ActionForm({
  action,
  children,
  className,
  testId,
  secretTestId = "one-time-secret",
}: {
  action: Action;
  children: ReactNode;
  className?: string;
  testId?: string;
  secretTestId?: string;
}) {
  const [state, submit, pending] = useActionState(action, { status: "idle" });
  const form = useRef<HTMLFormElement>(null);
  const submitted = useRef<FormData | null>(null);
  // The form still posts through `action` (it works before hydration); the submit event only keeps
  // a copy of what was sent, to be put back when the answer is an error.
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    submitted.current = new FormData(event.currentTarget);
  }
  useEffect(() => {
    if (state.status === "error" && form.current && submitted.current) {
      restoreFormValues(form.current, submitted.current);
    }
  }, [state]);
  return (
    <form ref={form} action={submit} onSubmit={onSubmit} className={className} data-testid={testId}>
      <fieldset disabled={pending} className="contents">
        {children}
      </fieldset>
      {state.status === "error" && (
        <p role="alert" className="basis-full text-sm text-destructive">
          {state.message}
        </p>
      )}
      {state.status === "error" && <FoldedDetail detail={state.detail} />}
      {state.status === "ok" && (
        <div role="status" className="basis-full space-y-1 text-sm">
          <p>{state.message}</p>
          <FoldedDetail detail={state.detail} />
          {state.secret && (
            <code
              data-testid={secretTestId}
              className="inline-block select-all break-all rounded bg-muted px-2 py-1 font-mono"
            >
              {state.secret}
            </code>
          )}
        </div>
      )}
    </form>
  );
}

/**
 * One button acting on one table row: the row's id goes to the action as the form's `id`, with
 * any other fixed `fields` beside it, and the action's answer shows under the button.
 */
export function RowActionButton({
  action,
  id,
  label,
  fields = {},
  variant = "outline",
  className = "flex flex-wrap gap-2",
  secretTestId,
  testId,
}: {
  action: Action;
  id: string;
  label: ReactNode;
  fields?: Readonly<Record<string, string>>;
  variant?: ButtonProps["variant"];
  className?: string;
  secretTestId?: string;
  testId?: string;
}) {
  return (
    <ActionForm action={action} className={className} secretTestId={secretTestId} testId={testId}>
      <input type="hidden" name="id" value={id} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton size="sm" variant={variant}>
        {label}
      </SubmitButton>
    </ActionForm>
  );
}
