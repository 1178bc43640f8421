/**
 * The vitest projects, and how `npm test` splits them into two lanes that
 * run at once (scripts/test.mjs): "guests" (QEMU guests, kernel networking,
 * crash suites and the real-CLI suites: one file at a time among
 * themselves) and "platform" (everything else). The lanes share only the
 * PostgreSQL test server, where each suite makes its own database but
 * apps/control's, whose files run in order in the platform lane. The split
 * balances the lanes (measured: ~12 and ~25 min with the CLI suites in
 * "platform").
 */
export const ALL_PROJECTS = [
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
];

export const GUEST_PROJECTS = [
  "apps/compute-agent",
  "apps/network-agent",
  "tests/crash-safety",
  "tests/network-traffic",
];

/** The CLI suites that boot QEMU guests or wire real networking (tests/openstack-cli reads ZENITH_TEST_LANE). */
export const GUEST_CLI_FILES = ["qemu.test.ts", "qemu-volumes.test.ts", "compute-network.test.ts"];
