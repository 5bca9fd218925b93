import { db } from "@/lib/db";
import { log } from "@/lib/observability/log";
import { inviteUser, UserChangeError } from "@/lib/users/manage";

export type BootstrapOutcome = "created" | "exists" | "unconfigured";

export const CREATE_ADMIN_HINT =
  "No users yet, so nobody can sign in. Set ADMIN_EMAIL and ADMIN_PASSWORD and restart, or run: npm run user:create -- --email you@example.com --role admin";

/**
 * The first admin, from ADMIN_EMAIL/ADMIN_PASSWORD, only while the users table is empty: once
 * anyone exists the variables are ignored, so changing them later never resets a password. Two
 * servers starting at once race on the unique e-mail; the loser sees "exists".
 */
export async function ensureFirstAdmin(config: { email?: string; password?: string }): Promise<BootstrapOutcome> {
  if ((await db.user.count()) > 0) return "exists";
  if (!config.email || !config.password) {
    log.warn(CREATE_ADMIN_HINT);
    return "unconfigured";
  }
  try {
    await inviteUser(null, { email: config.email, password: config.password, role: "admin" });
  } catch (error) {
    if (error instanceof UserChangeError && error.code === "email_taken") return "exists";
    throw error;
  }
  log.info("created the first admin from ADMIN_EMAIL", { email: config.email });
  return "created";
}
