import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getEnv } from "@/lib/env";
import { clientAddress } from "@/lib/security/forwarded";
import { checkCredentials } from "./credentials";
import { isRole } from "./permissions";
import { endSessions } from "./session-user";

/**
 * next-auth: e-mail + password, JWT sessions. The token carries the user's id and role, but every
 * check reads the users row again (lib/auth/session-user.ts), so the token is only "who", never
 * the last word on "may they".
 */

/** A working day plus slack; a page render cannot roll the cookie, so this is from sign-in. */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

export function usesSecureCookies(): boolean {
  return getEnv().APP_URL?.startsWith("https://") ?? false;
}

export function sessionCookieName(secure = usesSecureCookies()): string {
  return `${secure ? "__Secure-" : ""}next-auth.session-token`;
}

export function authSecret(): string {
  const secret = getEnv().AUTH_SECRET;
  if (!secret)
    throw new Error("AUTH_SECRET is not set: start the hub with `npm start`, which generates one, or set it.");
  return secret;
}

/** Error codes the sign-in form understands (next-auth passes a thrown message as `?error=`). */
export const SIGN_IN_ERRORS = { invalid: "invalid", inactive: "inactive", throttled: "throttled" } as const;

function headersOf(raw: unknown): Headers {
  const headers = new Headers();
  if (raw && typeof raw === "object") {
    for (const [name, value] of Object.entries(raw)) if (typeof value === "string") headers.set(name, value);
  }
  return headers;
}

function configureOrigin(): void {
  // next-auth v4 builds its own URLs from NEXTAUTH_URL; without one, the request's host is all we
  // know (demo, localhost), so let it use that instead of warning and guessing localhost:3000.
  const appUrl = getEnv().APP_URL;
  if (appUrl) process.env.NEXTAUTH_URL ??= appUrl;
  else process.env.AUTH_TRUST_HOST ??= "true";
}

let cached: AuthOptions | undefined;

export function getAuthOptions(): AuthOptions {
  if (cached) return cached;
  configureOrigin();
  const secure = usesSecureCookies();
  cached = {
    secret: authSecret(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login", error: "/login" },
    useSecureCookies: secure,
    cookies: {
      sessionToken: {
        name: sessionCookieName(secure),
        options: { httpOnly: true, sameSite: "lax", path: "/", secure },
      },
    },
    providers: [
      CredentialsProvider({
        name: "password",
        credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const result = await checkCredentials({
            email: credentials?.email ?? "",
            password: credentials?.password ?? "",
            ip: clientAddress(headersOf(request.headers)),
          });
          if (result.ok)
            return {
              id: result.user.id,
              email: result.user.email,
              role: result.user.role,
              sessionVersion: result.user.sessionVersion,
            };
          if (result.reason === "throttled") {
            throw new Error(`${SIGN_IN_ERRORS.throttled}:${Math.ceil(result.retryAfterMs / 60_000)}`);
          }
          throw new Error(SIGN_IN_ERRORS[result.reason]);
        },
      }),
    ],
    callbacks: {
      // next-auth's default throws on a callbackUrl that is not a URL (an anonymous 500); anything
      // odd or off-site goes to the home page instead.
      redirect({ url, baseUrl }) {
        try {
          const target = new URL(url, baseUrl);
          return target.origin === new URL(baseUrl).origin ? target.toString() : baseUrl;
        } catch {
          return baseUrl;
        }
      },
      jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.email = user.email;
          token.role = user.role;
          token.sessionVersion = user.sessionVersion;
        }
        return token;
      },
      session({ session, token }) {
        session.user = {
          id: token.sub ?? "",
          email: token.email ?? "",
          role: isRole(token.role) ? token.role : "marketer",
          sessionVersion: token.sessionVersion ?? -1,
        };
        return session;
      },
    },
    events: {
      // Signing out ends the user's sessions everywhere, not only this browser's cookie: a copied
      // cookie stops working too.
      async signOut({ token }) {
        if (typeof token?.sub === "string" && /^\d{1,19}$/.test(token.sub))
          await endSessions(token.sub).catch(() => {});
      },
    },
  };
  return cached;
}
