import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts", "src/**/*.test.ts"],
    // Files run two at a time in `npm test`: each worker resets its own PostgreSQL test
    // database (test/harness.ts), and the other suites make databases of their own.
    testTimeout: 60_000,
    // One module graph per worker, not one per file: each file starts its own control plane
    // (harness.ts) and touches no module state, env or mocks another file reads. Re-importing
    // the control plane for each of 82 files was ~40 % of the project's time (measured on
    // 2 cores, 2 workers: 756 s with a graph per file, collect 244 s; 451 s without, collect 21 s).
    // Isolation is a pool's option, set for the whole run (vitest.lanes.config.ts): these files
    // run in the threads pool, which the lanes do not isolate; every other project in forks.
    pool: "threads",
    isolate: false,
    // Creating a PGlite instance compiles WebAssembly: seconds, more on a busy machine.
    hookTimeout: 240_000,
  },
});
