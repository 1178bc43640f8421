import { defineConfig } from "vitest/config";

// Driver suites change real network namespaces: one file at a time.
export default defineConfig({
  test: { name: "network-agent", testTimeout: 60_000, hookTimeout: 60_000, fileParallelism: false },
});
