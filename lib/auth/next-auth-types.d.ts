// What our next-auth callbacks put into the token and the session (see lib/auth/options.ts).
import type { Role } from "./permissions";

declare module "next-auth" {
  interface User {
    role: Role;
    sessionVersion: number;
  }
  interface Session {
    user: { id: string; email: string; role: Role; sessionVersion: number };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: Role;
    /** users.session_version at sign-in; another value there means this token was revoked. */
    sessionVersion?: number;
  }
}
