import { defineConfig } from "vitest/config";

// The file driver's suites start real qemu-storage-daemon processes: one file at a time on a 2-core host.
export default defineConfig({
  test: { name: "volume-agent", testTimeout: 60_000, hookTimeout: 60_000, fileParallelism: false },
});
