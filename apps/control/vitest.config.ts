import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    // Every file resets the shared PostgreSQL test database, so files run one at a time.
    fileParallelism: false,
    testTimeout: 60_000,
    // Creating a PGlite instance compiles WebAssembly: seconds, more on a busy machine.
    hookTimeout: 240_000,
  },
});
