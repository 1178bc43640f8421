import { defineConfig } from "vitest/config";
import { ALL_PROJECTS } from "./vitest.projects.ts";

// One vitest run covers every workspace with tests; each project may have its
// own vitest.config.ts (e.g. to run database suites one file at a time).
// `npm test` runs the same projects in two lanes (vitest.lanes.config.ts).
export default defineConfig({
  test: { projects: ALL_PROJECTS },
});
