/** Pages only administrators may open; the BFF refuses their procedures too. */
const ADMIN_PREFIXES = [
  "/admin",
  "/identity/projects",
  "/identity/users",
  "/identity/groups",
  "/identity/roles",
];

/** Pages anyone may open without a session. */
const PUBLIC_PATHS = ["/login"];

function matchesPrefix(pathname: string, prefix: string): boolean {
  return pathname === prefix || pathname.startsWith(`${prefix}/`);
}

export function isAdminPath(pathname: string): boolean {
  return ADMIN_PREFIXES.some((prefix) => matchesPrefix(pathname, prefix));
}

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PATHS.some((path) => matchesPrefix(pathname, path));
}
