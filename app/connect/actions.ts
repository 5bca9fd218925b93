"use server";

import { headers } from "next/headers";
import { after } from "next/server";
import type { ConnectFormState } from "@/components/connect/connect-form";
import { getTranslator } from "@/lib/i18n/server";
import { submitConnectCode, submitConnectForm } from "@/lib/linking/connect-form";
import { clientAddress } from "@/lib/security/forwarded";
import { settingsLoaded } from "@/lib/settings/ready";

/**
 * The form's submissions: the e-mail, then (with SMTP) the e-mailed code. Everything is checked
 * again here, nothing from the page is trusted; slow work runs after the answer, so the answer
 * takes the same time whatever the e-mail.
 */
export async function submitConnect(_state: ConnectFormState, form: FormData): Promise<ConnectFormState> {
  // No session guard here to pass the gate: the link it may start uses the saved credentials.
  await settingsLoaded();
  const token = form.get("t");
  if (typeof token !== "string") return { step: "email", result: { status: "invalid_link", reason: "malformed" } };
  const ip = clientAddress(await headers());
  const defer = (task: () => Promise<void>) => after(task);

  if (form.get("step") === "code") {
    const code = form.get("code");
    const result = await submitConnectCode({ token, code: typeof code === "string" ? code : "", ip }, { defer });
    const stay = result.status === "wrong_code" || result.status === "rate_limited";
    return { step: stay ? "code" : "email", result };
  }

  const email = form.get("email");
  if (typeof email !== "string") return { step: "email", result: { status: "invalid_email" } };
  const { locale } = await getTranslator();
  const result = await submitConnectForm({ token, email, ip, locale }, { defer });
  return { step: result.status === "code_sent" ? "code" : "email", result };
}
