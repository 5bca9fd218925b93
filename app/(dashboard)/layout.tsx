import type { ReactNode } from "react";
import { DashboardFrame } from "@/components/layout/dashboard-frame";
import { requirePageUser } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/server";

// The staff dashboard's frame. It lives in a route group so public pages such as /connect
// (opened by customers) do not get the staff navigation; the group does not change any path.
// Signing in is checked here for the frame, and again by every page for its own permission
// (a layout does not re-run on every navigation, so it cannot be the only check).
export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const [{ locale, t }, user] = await Promise.all([getTranslator(), requirePageUser()]);
  return (
    <DashboardFrame user={user} t={t} locale={locale}>
      {children}
    </DashboardFrame>
  );
}
