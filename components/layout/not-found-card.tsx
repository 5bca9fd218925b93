import Link from "next/link";
import { Card } from "@/components/ui/card";
import type { Translate } from "@/lib/i18n/messages";

/** "No such page", with the ways on: the overview for staff, the sign-in for anyone else. */
export function NotFoundCard({ t, signedIn }: { t: Translate; signedIn: boolean }) {
  return (
    <Card className="mx-auto mt-10 max-w-md space-y-3 text-center" data-testid="not-found">
      <p className="text-sm text-muted-foreground">404</p>
      <h1 className="text-xl font-semibold tracking-tight">{t("notFound.title")}</h1>
      <p className="text-sm text-muted-foreground">{t("notFound.text")}</p>
      <Link
        href={signedIn ? "/" : "/login"}
        className="text-sm font-medium text-primary underline-offset-4 hover:underline"
      >
        {t(signedIn ? "notFound.home" : "notFound.signIn")}
      </Link>
    </Card>
  );
}
