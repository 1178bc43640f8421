import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "metering",
    // Each file starts the whole control plane: one at a time on a shared machine.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
