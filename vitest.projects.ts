/**
 * The vitest projects, and how `npm test` splits them into two lanes that
 * run at once (scripts/test.mjs, vitest.lanes.config.ts): "guests" (QEMU
 * guests, kernel networking and crash suites: one file at a time among
 * themselves) and "platform" (everything else, the real-CLI suites
 * included). The lanes share only the PostgreSQL test server, where each
 * suite makes its own database but apps/control's, whose files run in
 * order in the platform lane. Measured on 2 cores: guests ~10 min,
 * platform ~25 min; moving tests/openstack-cli to "guests" should balance
 * them (not yet measured).
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
