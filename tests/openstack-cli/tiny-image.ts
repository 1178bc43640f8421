import { execFileSync, spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");

/** True when this machine can run QEMU guests; CI sets ZENITH_REQUIRE_QEMU=1 so a missing QEMU fails instead. */
export function qemuAvailable(): boolean {
  const found = spawnSync("sh", ["-c", "command -v qemu-system-x86_64 && command -v qemu-img"]).status === 0;
  if (!found && process.env.ZENITH_REQUIRE_QEMU === "1") {
    throw new Error(
      "QEMU is required here (ZENITH_REQUIRE_QEMU=1) but qemu-system-x86_64/qemu-img are missing",
    );
  }
  if (!found)
    process.stderr.write("SKIP: QEMU is not installed (apt-get install qemu-system-x86 qemu-utils)\n");
  return found;
}

/** Builds zenith-tiny once (the script is a no-op when the build is current) and returns its folder. */
export function tinyImageDir(): string {
  const dir = join(ROOT, ".cache", "zenith-tiny");
  execFileSync(join(ROOT, "scripts/tiny-image/build.sh"), [dir], { stdio: ["ignore", "ignore", "inherit"] });
  return dir;
}
