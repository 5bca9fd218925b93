import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { forbidden as renderForbidden, redirect } from "next/navigation";
import { cache } from "react";
import { forbidden, HttpError } from "@/lib/http";
import { loginUrl, PATH_HEADER } from "./next-path";
import { getAuthOptions } from "./options";
import { can, type Permission } from "./permissions";
import { settingsLoaded } from "@/lib/settings/ready";
import { loadActiveUser, type SessionUser } from "./session-user";

export type { SessionUser } from "./session-user";

/**
 * The signed-in user of this request, or null. Read once per request (React `cache`) and always
 * checked against the users row, so a deactivated user is signed out on their next request.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  // Pages and actions read the saved settings after this (lib/settings/ready.ts).
  await settingsLoaded();
  const session = await getServerSession(getAuthOptions());
  return loadActiveUser(session?.user?.id, session?.user?.sessionVersion);
});

/**
 * For server components (pages, layouts): signed out → redirect to /login?next=<this page>;
 * signed in without the permission → the 403 page (app/(dashboard)/forbidden.tsx).
 */
export async function requirePageUser(permission?: Permission): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(loginUrl((await headers()).get(PATH_HEADER) ?? "/"));
  // A generated password is changed before anything else is opened.
  if (user.mustChangePassword && !isAccountPath((await headers()).get(PATH_HEADER) ?? "/")) redirect(ACCOUNT_PATH);
  if (permission && !can(user, permission)) renderForbidden();
  return user;
}

/** The page where everyone changes their own password, and the only one open before a forced change. */
export const ACCOUNT_PATH = "/account";

function isAccountPath(path: string): boolean {
  return path === ACCOUNT_PATH || path.startsWith(`${ACCOUNT_PATH}?`) || path.startsWith(`${ACCOUNT_PATH}/`);
}

/** For the account's own actions: signed in is enough, even before a forced password change. */
export async function requireSignedInActionUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw new HttpError(401, "unauthorized", "Sign in again to continue.");
  return user;
}

/** For server actions: the same checks, thrown as HttpError 401/403 (the form shows a message). */
export async function requireActionUser(permission: Permission): Promise<SessionUser> {
  const user = await requireSignedInActionUser();
  if (user.mustChangePassword) throw new HttpError(403, "password_change_required", "Choose your own password first.");
  if (!can(user, permission)) throw forbidden();
  return user;
}
