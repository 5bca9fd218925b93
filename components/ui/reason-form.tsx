import { type Action, ActionForm } from "./action-form";
import { Button } from "./button";

/** Closing something without doing it (a failure, a suggestion): the row's id and a required reason. */
export function ReasonForm({ action, id, label, placeholder, submit, testId }: { action: Action; id: string; label: string; placeholder: string; submit: string; testId?: string }) {
  return (
    <ActionForm action={action} className="flex flex-wrap items-center gap-2" testId={testId}>
      <input type="hidden" name="id" value={id} />
      <input
        name="reason"
        required
        maxLength={500}
        aria-label={label}
        placeholder={placeholder}
        className="h-8 w-40 rounded-md border border-border bg-background px-2 text-xs"
      />
      <Button type="submit" size="sm" variant="ghost">
        {submit}
      </Button>
    </ActionForm>
  );
}
