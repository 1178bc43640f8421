import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "openstack-cli",
    // Each CLI call is a real `openstack` run (forked from osc-zygote.py, or a new
    // Python with ZENITH_CLI_ZYGOTE=0); the suites run one file at a time.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
