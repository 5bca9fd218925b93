/** What a settings action answers; `secret` is a new token, shown once. */
export type SettingsActionState =
  | { status: "idle" }
  | { status: "ok"; message: string; secret?: string }
  | { status: "error"; message: string };

export type SettingsAction = (state: SettingsActionState, form: FormData) => Promise<SettingsActionState>;
