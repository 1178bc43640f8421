// Generates the Prisma client without Prisma's native engines.
// `prisma generate` tries to download the schema engine first; pointing
// PRISMA_SCHEMA_ENGINE_BINARY at a stub that exits 1 makes it skip that
// (see shared notes: the client runs through driver adapters, no engine).
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const stub = join(root, "node_modules", ".cache", "zenith", "no-schema-engine.sh");
if (!existsSync(stub)) {
  mkdirSync(dirname(stub), { recursive: true });
  writeFileSync(stub, "#!/bin/sh\necho 'native schema engine not available' >&2\nexit 1\n");
  chmodSync(stub, 0o755);
}
const prismaBin = join(root, "node_modules", ".bin", "prisma");
if (!existsSync(prismaBin)) {
  process.stderr.write("prisma CLI not installed yet; skipping generate\n");
  process.exit(0);
}
const res = spawnSync(prismaBin, ["generate"], {
  cwd: root,
  stdio: "inherit",
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: stub,
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});
process.exit(res.status ?? 1);
