import { defineConfig } from "vitest/config";
import { GUEST_CLI_FILES } from "../../vitest.projects.ts";

// In `npm test`'s lanes (vitest.projects.ts) the suites that boot guests run with the other guest suites.
const lane = process.env.ZENITH_TEST_LANE;

export default defineConfig({
  test: {
    name: "openstack-cli",
    ...(lane === "guests" ? { include: GUEST_CLI_FILES } : {}),
    ...(lane === "platform" ? { exclude: [...GUEST_CLI_FILES, "**/node_modules/**"] } : {}),
    // Each CLI call starts a Python interpreter (~1 s); the suite runs in order.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
