import type { Metadata } from "next";
import type { ReactNode } from "react";
import { LocaleSwitch } from "@/components/layout/locale-switch";
import { Sidebar } from "@/components/layout/sidebar";
import { getTranslator } from "@/lib/i18n/server";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  return { title: t("app.name"), description: t("app.tagline") };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { locale, t } = await getTranslator();
  return (
    <html lang={locale}>
      <body>
        <div className="flex min-h-screen">
          <aside className="hidden w-60 shrink-0 border-r border-border bg-card p-4 md:block">
            <p className="mb-6 px-3 text-sm font-semibold">{t("app.name")}</p>
            <Sidebar t={t} />
          </aside>
          <div className="flex flex-1 flex-col">
            <header className="flex items-center justify-end border-b border-border bg-card px-6 py-3">
              <LocaleSwitch current={locale} label={t("locale.switch")} />
            </header>
            <main className="flex-1 p-6">{children}</main>
          </div>
        </div>
      </body>
    </html>
  );
}
