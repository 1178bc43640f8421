// `npm run bench`: runs every benchmark in bench/ one after another.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { run } from "./lib/processes.mjs";

const dir = new URL("../bench", import.meta.url).pathname;
let failed = 0;
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith(".mjs"))
  .sort()) {
  process.stdout.write(`\n== bench/${file}\n`);
  if ((await run(process.execPath, [join(dir, file)], { cwd: dir })) !== 0) failed++;
}
process.exit(failed === 0 ? 0 : 1);
