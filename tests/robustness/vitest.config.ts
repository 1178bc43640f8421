import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "robustness",
    // The fuzz suite starts the whole control plane and sends thousands of requests: one file at a time.
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 240_000,
  },
});
