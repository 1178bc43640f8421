/**
 * The vitest projects, and how `npm test` splits them into two lanes that
 * run at once (scripts/test.mjs, vitest.lanes.config.ts): "guests" (QEMU
 * guests, kernel networking, crash and real-CLI suites: one file at a time
 * among themselves) and "platform" (everything else, two files at a time).
 * The lanes share only the PostgreSQL test server, where each suite makes
 * its own database (apps/control's files one per worker, reset per file). The CLI
 * suites are in "guests" for balance (measured on 2 cores with them in
 * "platform": guests 9.5 min, platform 23.8 min), and so are the real
 * OpenStack suites (Keystone, Gnocchi and the portal against them; one file
 * at a time): the platform lane is followed by the e2e specs, so it is the
 * longer chain (CI at d03c6a3: platform 16.3 min + e2e 13.5, guests 15.7).
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
  "tests/real-openstack",
];

export const GUEST_PROJECTS = [
  "apps/compute-agent",
  "apps/network-agent",
  "tests/crash-safety",
  "tests/network-traffic",
  "tests/openstack-cli",
  "tests/real-openstack",
];
