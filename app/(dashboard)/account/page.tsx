import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input } from "@/components/ui/input";
import { ActionForm } from "@/components/ui/action-form";
import { MAX_PASSWORD_BYTES, MIN_PASSWORD_LENGTH } from "@/lib/auth/password";
import { requirePageUser } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/server";
import { titledBy } from "@/lib/i18n/metadata";
import { changeOwnPasswordAction } from "./actions";

export const dynamic = "force-dynamic";
export const generateMetadata = titledBy("account.title");

// GET /account – everyone: who am I, and my password (forced here first after a generated one).
export default async function AccountPage() {
  const user = await requirePageUser();
  const { t } = await getTranslator();
  const password = (name: string, label: string, autoComplete: string) => (
    <label className="flex flex-col gap-1 text-sm">
      {label}
      <Input
        name={name}
        type="password"
        required
        autoComplete={autoComplete}
        minLength={MIN_PASSWORD_LENGTH}
        maxLength={MAX_PASSWORD_BYTES}
        className="w-80 max-w-full"
      />
    </label>
  );
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("account.title")}</h1>
        <p className="text-sm text-muted-foreground">
          {user.email} · {t(`auth.role.${user.role}`)}
        </p>
      </div>
      {user.mustChangePassword && (
        <Card role="alert" className="border-amber-500 text-sm" data-testid="password-change-required">
          {t("account.required")}
        </Card>
      )}
      <Card className="space-y-4">
        <h2 className="text-lg font-medium">{t("account.password.title")}</h2>
        <p className="text-sm text-muted-foreground">{t("account.password.note")}</p>
        <ActionForm action={changeOwnPasswordAction} className="flex flex-col gap-3" testId="change-password">
          {password(
            "current",
            t(user.mustChangePassword ? "account.password.currentOneTime" : "account.password.current"),
            "current-password",
          )}
          {password("next", t("account.password.next"), "new-password")}
          {password("repeat", t("account.password.repeat"), "new-password")}
          <div>
            <Button type="submit">{t("account.password.submit")}</Button>
          </div>
        </ActionForm>
      </Card>
    </div>
  );
}
