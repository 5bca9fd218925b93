import type { Metadata } from "next";
import { DashboardFrame } from "@/components/layout/dashboard-frame";
import { getSessionUser } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/server";
import Forbidden from "./(dashboard)/forbidden";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("auth.forbidden.title") };
}

// forbidden() from outside the dashboard's own boundary (its layout, or a page of another group):
// the same Russian card as app/(dashboard)/forbidden.tsx inside the staff frame, never Next's English default.
export default async function RootForbidden() {
  const [{ locale, t }, user] = await Promise.all([getTranslator(), getSessionUser()]);
  if (!user)
    return (
      <main className="p-4">
        <Forbidden />
      </main>
    );
  return (
    <DashboardFrame user={user} t={t} locale={locale}>
      <Forbidden />
    </DashboardFrame>
  );
}
