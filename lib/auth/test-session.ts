import { encode } from "next-auth/jwt";
import { inviteUser } from "@/lib/users/manage";
import { sessionCookieName } from "./options";
import type { Role } from "./permissions";

/**
 * For integration tests: a user of `role` and the Cookie header a browser signed in as them would
 * send (the same JWT next-auth issues). Needs AUTH_SECRET in the environment.
 */
export async function signedInAs(role: Role, email = `${role}-${Math.random().toString(36).slice(2, 8)}@test.local`) {
  const { user } = await inviteUser(null, { email, role, password: "test-password-123" });
  const token = await encode({
    token: { sub: user.id, email: user.email, role, sessionVersion: 0 },
    secret: process.env.AUTH_SECRET ?? "",
  });
  return { user, cookie: `${sessionCookieName(false)}=${token}` };
}
