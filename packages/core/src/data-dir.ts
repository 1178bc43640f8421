import { chmodSync, mkdirSync, writeFileSync } from "node:fs";

/**
 * Creates the data folder (database, generated secrets, image bytes)
 * readable by its owner only, and tightens an existing one: earlier
 * versions created it 0755.
 */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
}

/** Writes a secret file (mode 0600, also when it existed with a wider mode) inside a private folder. */
export function writeSecretFile(dir: string, file: string, content: string): void {
  ensurePrivateDir(dir);
  writeFileSync(file, content, { mode: 0o600 });
  chmodSync(file, 0o600);
}
