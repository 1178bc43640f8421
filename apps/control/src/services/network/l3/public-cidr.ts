import { rangeOf } from "./cidr.ts";

/** Why `text` cannot be the public subnet (an IPv4 CIDR from /8 to /29), or null when it can. */
export function publicCidrProblem(text: string): string | null {
  const slash = text.indexOf("/");
  const range = rangeOf(text);
  if (slash < 0 || range === null || range.version !== 4) return "not an IPv4 CIDR";
  const prefix = Number(text.slice(slash + 1));
  if (prefix < 8 || prefix > 29) return "prefix length must be 8 to 29";
  return null;
}
