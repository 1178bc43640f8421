import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "crash-safety",
    // Real QEMU guests, processes killed with SIGKILL: one file at a time.
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
  },
});
