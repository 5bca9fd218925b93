import type { Metadata } from "next";
import { DashboardFrame } from "@/components/layout/dashboard-frame";
import { NotFoundCard } from "@/components/layout/not-found-card";
import { getSessionUser } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/server";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("notFound.title") };
}

// An address that matches no page. It renders under the root layout only, so it brings the staff
// frame itself: a signed-in person keeps their menu; anyone else gets the way to sign in.
export default async function NotFound() {
  const [{ locale, t }, user] = await Promise.all([getTranslator(), getSessionUser()]);
  if (!user) {
    return (
      <main className="p-4">
        <NotFoundCard t={t} signedIn={false} />
      </main>
    );
  }
  return (
    <DashboardFrame user={user} t={t} locale={locale}>
      <NotFoundCard t={t} signedIn />
    </DashboardFrame>
  );
}
