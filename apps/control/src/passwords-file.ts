import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeSecretFile } from "@zenith/core/data-dir";
import { z } from "zod";

const ZPasswords = z.object({ admin: z.string().min(1), demo: z.string().min(1) });
export type StoredPasswords = z.infer<typeof ZPasswords>;

function pathOf(dataDir: string): string {
  return join(dataDir, "passwords.json");
}

/** The generated bootstrap passwords, if an earlier start stored them. */
export function readPasswords(dataDir: string): StoredPasswords | null {
  const file = pathOf(dataDir);
  if (!existsSync(file)) return null;
  const parsed = ZPasswords.safeParse(JSON.parse(readFileSync(file, "utf8")));
  return parsed.success ? parsed.data : null;
}

/** Stores them readable by the owner only (mode 0600). */
export function writePasswords(dataDir: string, passwords: StoredPasswords): string {
  const file = pathOf(dataDir);
  writeSecretFile(dataDir, file, `${JSON.stringify(passwords, null, 2)}\n`);
  return file;
}
