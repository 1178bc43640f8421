import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "network-traffic",
    // Real QEMU guests on real Linux networking in namespaces: one file at a time, long waits.
    testTimeout: 240_000,
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
