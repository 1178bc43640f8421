import { isCloudAdminSession } from "@zenith/bff/session";
import { type NextRequest, NextResponse } from "next/server";
import { isExpired } from "@/auth/public-session";
import { isAdminPath, isPublicPath } from "@/auth/route-access";
import { readSessionToken, SECURE_SESSION_COOKIE, SESSION_COOKIE } from "@/auth/session-cookie";

function redirectTo(
  request: NextRequest,
  pathname: string,
  params: Record<string, string> = {},
): NextResponse {
  const url = request.nextUrl.clone();
  url.pathname = pathname;
  url.search = new URLSearchParams(params).toString();
  return NextResponse.redirect(url);
}

function clearSessionCookies(response: NextResponse, request: NextRequest): NextResponse {
  for (const cookie of request.cookies.getAll()) {
    if (cookie.name.startsWith(SESSION_COOKIE) || cookie.name.startsWith(SECURE_SESSION_COOKIE)) {
      response.cookies.delete(cookie.name);
    }
  }
  return response;
}

/**
 * Routes the browser by session: no session → /login, expired Keystone
 * token → /login?reason=expired, admin pages → refused to non-admins. This is
 * navigation comfort; the BFF checks every procedure itself.
 */
export async function proxy(request: NextRequest): Promise<NextResponse> {
  const { pathname, search } = request.nextUrl;

  if (isPublicPath(pathname)) {
    const expired = request.nextUrl.searchParams.get("reason") === "expired";
    return expired ? clearSessionCookies(NextResponse.next(), request) : NextResponse.next();
  }

  const token = await readSessionToken(request);
  const keystone = token?.keystone;
  if (!keystone) {
    const callbackUrl = pathname === "/" ? "/project" : `${pathname}${search}`;
    return redirectTo(request, "/login", { callbackUrl });
  }
  if (isExpired(keystone.expiresAt)) return redirectTo(request, "/login", { reason: "expired" });

  if (isAdminPath(pathname) && !isCloudAdminSession(keystone)) {
    return redirectTo(request, "/project", { denied: pathname });
  }
  if (pathname === "/") return redirectTo(request, "/project");
  return NextResponse.next();
}

export const config = {
  matcher: ["/((?!api/|_next/|favicon.ico|.*\\.(?:png|svg|ico|css|js|txt)$).*)"],
};
