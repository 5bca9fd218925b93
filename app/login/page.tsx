import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { LocaleSwitch } from "@/components/layout/locale-switch";
import { Card } from "@/components/ui/card";
import { safeNextPath } from "@/lib/auth/next-path";
import { getSessionUser } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("auth.login.title"), robots: { index: false, follow: false } };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// GET /login?next=/users – public: the way in. Someone already signed in goes straight on.
export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const [{ locale, t }, params, user] = await Promise.all([getTranslator(), searchParams, getSessionUser()]);
  const next = safeNextPath(params.next);
  if (user) redirect(next);
  const error = typeof params.error === "string" ? params.error : undefined;

  return (
    <div className="flex min-h-screen flex-col bg-background">
      <header className="flex justify-end p-4">
        <LocaleSwitch current={locale} label={t("locale.switch")} />
      </header>
      <main className="flex flex-1 items-start justify-center px-4 pt-10 sm:pt-20">
        <Card className="w-full max-w-sm space-y-5 p-6">
          <div className="space-y-1 text-center">
            <h1 className="text-xl font-semibold tracking-tight">{t("auth.login.title")}</h1>
            <p className="text-sm text-muted-foreground">{t("auth.login.intro")}</p>
          </div>
          <LoginForm locale={locale} next={next} initialError={error} />
        </Card>
      </main>
    </div>
  );
}
