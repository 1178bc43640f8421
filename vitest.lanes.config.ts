import { defineConfig } from "vitest/config";
import { ALL_PROJECTS, GUEST_PROJECTS } from "./vitest.projects.ts";

// One lane of `npm test` (scripts/test.mjs): ZENITH_TEST_LANE=guests or platform (see vitest.projects.ts).
const lane = process.env.ZENITH_TEST_LANE;
if (lane !== "guests" && lane !== "platform") throw new Error("ZENITH_TEST_LANE must be guests or platform");

export default defineConfig({
  test: {
    projects: lane === "guests" ? GUEST_PROJECTS : ALL_PROJECTS.filter((p) => !GUEST_PROJECTS.includes(p)),
  },
});
