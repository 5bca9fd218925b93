/** A text field of a submitted form; absent or a file reads as undefined. */
export function formString(form: FormData, name: string): string | undefined {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
}

/** A text field of a submitted form; absent or a file reads as "" (the validators then say what is missing). */
export function formText(form: FormData, name: string): string {
  return formString(form, name) ?? "";
}
