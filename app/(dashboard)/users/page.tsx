import { ActionForm, RowActionButton } from "@/components/ui/action-form";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input, Select } from "@/components/ui/input";
import { ROLES } from "@/lib/auth/permissions";
import { requirePageUser } from "@/lib/auth/session";
import { getTranslator } from "@/lib/i18n/server";
import { listUsers } from "@/lib/queries/users";
import { changeRoleAction, inviteUserAction, resetPasswordAction, setActiveAction } from "./actions";
import { titledBy } from "@/lib/i18n/metadata";
import { PlainTableHead } from "@/components/ui/plain-table-head";

export const dynamic = "force-dynamic";
export const generateMetadata = titledBy("nav.users", "users.manage");

// GET /users – admins invite people, change roles, deactivate and reactivate.
export default async function UsersPage() {
  const me = await requirePageUser("users.manage");
  const [{ t, format }, users] = await Promise.all([getTranslator(), listUsers()]);
  const roleOptions = ROLES.map((role) => (
    <option key={role} value={role}>
      {t(`auth.role.${role}` as const)}
    </option>
  ));

  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">{t("users.title")}</h1>
        <p className="text-sm text-muted-foreground">{t("users.subtitle")}</p>
      </div>

      <Card className="space-y-3">
        <h2 className="text-sm font-medium">{t("users.invite.title")}</h2>
        <ActionForm
          action={inviteUserAction}
          className="flex flex-wrap items-end gap-3"
          testId="invite-form"
          secretTestId="one-time-password"
        >
          <label className="flex flex-col gap-1 text-sm">
            {t("users.invite.email")}
            <Input name="email" type="email" required className="w-72 max-w-full" />
          </label>
          <label className="flex flex-col gap-1 text-sm">
            {t("users.invite.role")}
            <Select name="role" defaultValue="staff">
              {roleOptions}
            </Select>
          </label>
          <Button type="submit">{t("users.invite.submit")}</Button>
        </ActionForm>
      </Card>

      <Card className="overflow-x-auto p-0">
        <table className="w-full text-sm">
          <PlainTableHead
            columns={[
              t("users.column.email"),
              t("users.column.status"),
              t("users.column.lastLogin"),
              t("users.column.role"),
              t("users.column.actions"),
            ]}
          />
          <tbody>
            {users.map((user) => (
              <tr
                key={user.id}
                className="border-b border-border last:border-0 align-top"
                data-testid={`user-row-${user.email}`}
              >
                <td className="px-4 py-3">
                  {user.email}
                  {user.id === me.id && <span className="ml-2 text-xs text-muted-foreground">({t("users.you")})</span>}
                </td>
                <td className="px-4 py-3">
                  <Badge tone={user.active ? "success" : "neutral"}>
                    {t(user.active ? "users.status.active" : "users.status.inactive")}
                  </Badge>
                </td>
                <td className="px-4 py-3 text-muted-foreground">
                  {user.lastLoginAt ? format.dateTime(user.lastLoginAt) : t("users.never")}
                </td>
                <td className="px-4 py-3">
                  <ActionForm action={changeRoleAction} className="flex flex-wrap items-center gap-2">
                    <input type="hidden" name="id" value={user.id} />
                    <Select name="role" defaultValue={user.role} aria-label={t("users.column.role")}>
                      {roleOptions}
                    </Select>
                    <Button type="submit" variant="outline" size="sm">
                      {t("users.action.saveRole")}
                    </Button>
                  </ActionForm>
                </td>
                <td className="px-4 py-3">
                  <div className="flex flex-wrap gap-2">
                    <RowActionButton
                      action={setActiveAction}
                      id={user.id}
                      fields={{ active: String(!user.active) }}
                      variant={user.active ? "destructive" : "outline"}
                      label={t(user.active ? "users.action.deactivate" : "users.action.reactivate")}
                    />
                    <RowActionButton
                      action={resetPasswordAction}
                      id={user.id}
                      variant="ghost"
                      secretTestId="one-time-password"
                      label={t("users.action.resetPassword")}
                    />
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
