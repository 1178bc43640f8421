import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { createBffServer } from "../../../apps/bff/src/server.ts";
import { silentLog } from "../../../apps/bff/test/helpers.ts";

/**
 * The portal as `npm start` runs it, without the embedded control plane:
 * the BFF (in-process, on 127.0.0.1) and the portal's production server
 * (apps/web/server.mjs, the build `npm test` makes first) both configured
 * with `ZENITH_KEYSTONE_URL` pointing at a real Keystone.
 */

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
const WEB_DIR = join(ROOT, "apps/web");
const KEEP_CHARS = 8_000;

// scripts/lib/*.mjs are plain JavaScript: their exports are checked at this edge.
const stackModule = z.object({
  ensureWebBuild: z.custom<() => Promise<void>>((v) => typeof v === "function"),
});
const processModule = z.object({ freePort: z.custom<() => Promise<number>>((v) => typeof v === "function") });

export interface RunningPortal {
  url: string;
  bffUrl: string;
  /** The portal server's last output, for failure messages. */
  output(): string;
  close(): Promise<void>;
}

export async function startPortal(opts: { keystoneUrl: string; authSecret: string }): Promise<RunningPortal> {
  // A no-op when the build is current (npm test builds the portal before the suites).
  const { ensureWebBuild } = stackModule.parse(await import(join(ROOT, "scripts/lib/stack.mjs")));
  const { freePort } = processModule.parse(await import(join(ROOT, "scripts/lib/processes.mjs")));
  await ensureWebBuild();

  const bff = createBffServer({ keystoneUrl: opts.keystoneUrl, authSecret: opts.authSecret }, silentLog);
  bff.listen(0, "127.0.0.1");
  await once(bff, "listening");
  const bffUrl = `http://127.0.0.1:${(bff.address() as AddressInfo).port}`;

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = "";
  const portal: ChildProcess = spawn(
    process.execPath,
    ["server.mjs", "-p", String(port), "-H", "127.0.0.1"],
    {
      cwd: WEB_DIR,
      env: {
        ...process.env,
        NODE_ENV: "production",
        AUTH_SECRET: opts.authSecret,
        AUTH_TRUST_HOST: "true",
        AUTH_URL: url,
        ZENITH_KEYSTONE_URL: opts.keystoneUrl,
        ZENITH_BFF_URL: bffUrl,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const close = async () => {
    if (portal.exitCode === null && portal.signalCode === null) {
      portal.kill("SIGTERM");
      await once(portal, "exit");
    }
    bff.closeAllConnections();
    await new Promise((resolve) => bff.close(resolve));
  };
  try {
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output = (output + chunk.toString()).slice(-KEEP_CHARS);
        if (output.includes("portal ready")) resolve();
      };
      portal.stdout?.on("data", onData);
      portal.stderr?.on("data", onData);
      portal.once("exit", (code) =>
        reject(new Error(`server.mjs exited with ${code} before it was ready\n${output}`)),
      );
    });
  } catch (err) {
    await close();
    throw err;
  }
  return { url, bffUrl, output: () => output, close };
}
