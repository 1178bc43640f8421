import { randomBytes, randomInt } from "node:crypto";

/** Nova's `sanitize_hostname`: a DNS label from the display name. */
export function hostnameOf(name: string): string {
  const label = name
    .toLowerCase()
    .replace(/[ _]/g, "-")
    .replace(/[^a-z0-9.-]/g, "")
    .replace(/^[.-]+|[.-]+$/g, "")
    .slice(0, 63)
    .replace(/[.-]+$/, "");
  return label === "" ? "server" : label;
}

/** Nova's reservation ids look like `r-3fhpjulh`. */
export function newReservationId(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  let id = "r-";
  for (let i = 0; i < 8; i++) id += alphabet[randomInt(alphabet.length)];
  return id;
}

/** A random admin password as Nova generates one (12 characters, unambiguous alphabet). */
export function newAdminPass(): string {
  const alphabet = "23456789abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
  return [...randomBytes(12)].map((b) => alphabet[b % alphabet.length]).join("");
}
