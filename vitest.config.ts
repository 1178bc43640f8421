import { defineConfig } from "vitest/config";

// One vitest run covers every workspace with tests; each project may have its
// own vitest.config.ts (e.g. to run database suites one file at a time).
export default defineConfig({
  test: {
    projects: [
      "packages/*",
      "apps/control",
      "apps/bff",
      "apps/web",
      "apps/compute-agent",
      "apps/network-agent",
      "apps/volume-agent",
      "tests/openstack-cli",
      "tests/crash-safety",
      "tests/network-traffic",
      "tests/robustness",
      "tests/metering",
    ],
  },
});
