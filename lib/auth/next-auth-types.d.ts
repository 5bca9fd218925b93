// What our next-auth callbacks put into the token and the session (see lib/auth/options.ts).
import type { Role } from "./permissions";

declare module "next-auth" {
  interface User {
    role: Role;
  }
  interface Session {
    user: { id: string; email: string; role: Role };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: Role;
  }
}
