import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "real-openstack",
    // Each file starts Zenith's control plane and real upstream services: one at a time.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
