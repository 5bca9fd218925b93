"use server";

import { headers } from "next/headers";
import type { ConnectFormState } from "@/components/connect/connect-form";
import { submitConnectForm } from "@/lib/linking/connect-form";
import { clientAddress } from "@/lib/security/forwarded";

/** The form's submission: everything is checked again here, nothing from the page is trusted. */
export async function submitConnect(_state: ConnectFormState, form: FormData): Promise<ConnectFormState> {
  const token = form.get("t");
  const email = form.get("email");
  if (typeof token !== "string") return { result: { status: "invalid_link", reason: "malformed" } };
  if (typeof email !== "string") return { result: { status: "invalid_email" } };
  const result = await submitConnectForm({ token, email, ip: clientAddress(await headers()) });
  return { result };
}
