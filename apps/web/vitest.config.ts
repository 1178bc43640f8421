import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Unit tests of the portal's server-side helpers (pages are covered by the Playwright specs).
export default defineConfig({
  // The portal's own import alias (tsconfig.json "paths"), for helpers that import through it.
  resolve: { alias: { "@/": fileURLToPath(new URL("./src/", import.meta.url)) } },
  test: { name: "web", include: ["src/**/*.test.ts"] },
});
