import { defineConfig } from "vitest/config";

export default defineConfig({
  test: { name: "agent-protocol", passWithNoTests: true },
});
