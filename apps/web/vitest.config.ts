import { defineConfig } from "vitest/config";

// Unit tests of the portal's server-side helpers (pages are covered by the Playwright specs).
export default defineConfig({
  test: { name: "web", include: ["src/**/*.test.ts"] },
});
