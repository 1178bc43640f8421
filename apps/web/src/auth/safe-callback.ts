/** Only same-site paths may be a post-login destination (no open redirects). */
export function safeCallbackPath(value: unknown, fallback = "/project"): string {
  if (
    typeof value !== "string" ||
    !value.startsWith("/") ||
    value.startsWith("//") ||
    value.startsWith("/\\")
  ) {
    return fallback;
  }
  if (value.startsWith("/login") || value.startsWith("/api/")) return fallback;
  return value;
}
