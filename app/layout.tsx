import type { Metadata } from "next";
import type { ReactNode } from "react";
import { getTranslator } from "@/lib/i18n/server";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getTranslator();
  // Pages name themselves after their menu item (lib/i18n/metadata.ts); the hub's name follows.
  return { title: { template: `%s · ${t("app.name")}`, default: t("app.name") }, description: t("app.tagline") };
}

// Only the document: the staff frame is app/(dashboard)/layout.tsx, public pages bring their own.
export default async function RootLayout({ children }: { children: ReactNode }) {
  const { locale } = await getTranslator();
  return (
    <html lang={locale}>
      <body>{children}</body>
    </html>
  );
}
