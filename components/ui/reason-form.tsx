import { type Action, ActionForm, SubmitButton } from "./action-form";

/** Closing something without doing it (a failure, a suggestion): the row's id and a required reason. */
export function ReasonForm({
  action,
  id,
  label,
  placeholder,
  submit,
  testId,
  fields = {},
}: {
  action: Action;
  id: string;
  label: string;
  placeholder: string;
  submit: string;
  testId?: string;
  fields?: Readonly<Record<string, string>>;
}) {
  return (
    <ActionForm action={action} className="flex flex-wrap items-center gap-2" testId={testId}>
      <input type="hidden" name="id" value={id} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <input
        name="reason"
        required
        maxLength={500}
        aria-label={label}
        placeholder={placeholder}
        className="h-8 w-40 max-w-full rounded-md border border-border bg-background px-2 text-xs"
      />
      <SubmitButton size="sm" variant="ghost">
        {submit}
      </SubmitButton>
    </ActionForm>
  );
}
