import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "openstack-cli",
    // Each CLI call starts a Python interpreter (~1 s); the suite runs in order.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
