import type { Metadata } from "next";
import { ConnectForm } from "@/components/connect/connect-form";
import { ConnectNotice } from "@/components/connect/connect-notice";
import { LocaleSwitch } from "@/components/layout/locale-switch";
import { Card } from "@/components/ui/card";
import { getTranslator } from "@/lib/i18n/server";
import { linkSigningSecret } from "@/lib/linking/connect-link";
import { verifySignedLink } from "@/lib/linking/signed-link";
import { submitConnect } from "./actions";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  // A customer page: its own title, without the staff hub's name. The personal token is in the
  // address: keep it out of search engines and Referer headers.
  return { title: { absolute: t("connect.title") }, robots: { index: false, follow: false }, referrer: "no-referrer" };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// GET /connect?t=<token> – the customer's personal e-mail form, opened from the bot.
export default async function ConnectPage({ searchParams }: { searchParams: SearchParams }) {
  const [{ locale, t }, { t: given }] = await Promise.all([getTranslator(), searchParams]);
  const token = typeof given === "string" ? given : "";
  const verified = verifySignedLink(token, { secret: linkSigningSecret(), now: new Date() });

  return (
    <div className="flex min-h-screen flex-col bg-background">
      <header className="flex justify-end p-4">
        <LocaleSwitch current={locale} label={t("locale.switch")} />
      </header>
      <main className="flex flex-1 items-start justify-center px-4 pt-10 sm:pt-20">
        <Card className="w-full max-w-sm p-6">
          {verified.status === "ok" ? (
            <ConnectForm token={token} locale={locale} action={submitConnect} />
          ) : (
            <ConnectNotice tone="broken" title={t("connect.invalid.title")}>
              {t(verified.status === "expired" ? "connect.invalid.expired" : "connect.invalid.broken")}
            </ConnectNotice>
          )}
        </Card>
      </main>
    </div>
  );
}
