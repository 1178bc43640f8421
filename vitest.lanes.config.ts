import { defineConfig } from "vitest/config";
import { ALL_PROJECTS, GUEST_PROJECTS } from "./vitest.projects.ts";

// One lane of `npm test` (scripts/test.mjs): ZENITH_TEST_LANE=guests or platform (see vitest.projects.ts).
const lane = process.env.ZENITH_TEST_LANE;
if (lane !== "guests" && lane !== "platform") throw new Error("ZENITH_TEST_LANE must be guests or platform");

export default defineConfig({
  test: {
    projects: lane === "guests" ? GUEST_PROJECTS : ALL_PROJECTS.filter((p) => !GUEST_PROJECTS.includes(p)),
    // Workers are set here, not left to vitest's default (one less than the cores: 1 on CI's 2):
    // in a run of several projects vitest ignores a project's `fileParallelism: false`, so the
    // lane decides. Guests: one file at a time (QEMU guests, namespaces, real CLIs). Platform:
    // two files at once; each makes its own databases (apps/control's: one per worker, see
    // apps/control/test/harness.ts), so none waits on another's state, only on the cores.
    maxWorkers: lane === "guests" ? 1 : 2,
    // Not isolating files is a pool's option for the whole run, not a project's: apps/control's
    // files run in the threads pool and share a module graph per worker (its vitest.config.ts
    // says why); the rest run in forks, a fresh graph per file.
    poolOptions: { threads: { isolate: false }, forks: { isolate: true } },
    minWorkers: 1,
  },
});
