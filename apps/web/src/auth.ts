import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { authorizeWithKeystone } from "@/auth/authorize";
import { toPublicSession } from "@/auth/public-session";
import { env } from "@/env";

/**
 * Keystone's default token lifetime; the session cookie lives as long as the
 * token. The `keystone.expiresAt` claim is the real limit, checked in the proxy.
 */
export const SESSION_MAX_AGE_SECONDS = 3600;

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: env().AUTH_SECRET,
  trustHost: true,
  logger: {
    // A wrong password is the user's mistake, shown on the login page; not a server error.
    error(error) {
      if (error instanceof CredentialsSignin) return;
      console.error("[auth]", error);
    },
  },
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    Credentials({
      // i18n-ignore: these labels only show on Auth.js's built-in sign-in page, which the portal
      // never serves (pages.signIn is /login, translated); they name the fields for Auth.js.
      credentials: {
        username: { label: "Username" }, // i18n-ignore (see above)
        password: { label: "Password", type: "password" }, // i18n-ignore (see above)
        domain: { label: "Domain" }, // i18n-ignore (see above)
      },
      authorize: authorizeWithKeystone,
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.keystone) {
        token.keystone = user.keystone;
        token.sub = user.keystone.user.id;
        token.name = user.keystone.user.name;
      }
      return token;
    },
    session({ session, token }) {
      if (!token.keystone) return { expires: session.expires, user: {} };
      const pub = toPublicSession(token.keystone);
      return {
        expires: session.expires,
        user: { id: pub.user.id, name: pub.user.name },
        domain: { id: pub.user.domainId, name: pub.user.domainName },
        project: pub.project,
        roles: pub.roles,
        isAdmin: pub.isAdmin,
        expiresAt: pub.expiresAt,
      };
    },
  },
}));
