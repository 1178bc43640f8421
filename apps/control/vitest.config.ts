import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    // Files run two at a time in `npm test`: each worker resets its own PostgreSQL test
    // database (test/harness.ts), and the other suites make databases of their own.
    testTimeout: 60_000,
    // Creating a PGlite instance compiles WebAssembly: seconds, more on a busy machine.
    hookTimeout: 240_000,
  },
});
