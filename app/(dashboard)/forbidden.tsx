import Link from "next/link";
import { Card } from "@/components/ui/card";
import { getTranslator } from "@/lib/i18n/server";

// Shown (with HTTP 403) when a signed-in user opens a page their role may not see.
export default async function Forbidden() {
  const { t } = await getTranslator();
  return (
    <Card className="mx-auto mt-10 max-w-md space-y-3 text-center" data-testid="forbidden">
      <h1 className="text-xl font-semibold tracking-tight">{t("auth.forbidden.title")}</h1>
      <p className="text-sm text-muted-foreground">{t("auth.forbidden.text")}</p>
      <Link href="/" className="text-sm font-medium text-primary underline-offset-4 hover:underline">
        {t("auth.forbidden.home")}
      </Link>
    </Card>
  );
}
