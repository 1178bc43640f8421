import type { KeystoneSession } from "@zenith/api-client/keystone";
import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  /** What `authorize` hands to the `jwt` callback on sign-in. */
  interface User {
    keystone?: KeystoneSession;
  }

  /** Non-secret fields only: this object may reach the browser. */
  interface Session {
    domain?: { id: string; name: string };
    project?: { id: string; name: string } | null;
    roles?: string[];
    isAdmin?: boolean;
    expiresAt?: string;
  }
}

declare module "next-auth/jwt" {
  /** Server-side only: the JWT is encrypted in an httpOnly cookie. */
  interface JWT {
    keystone?: KeystoneSession;
  }
}
