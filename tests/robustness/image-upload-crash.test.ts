/**
 * The control plane killed (SIGKILL) in the middle of an image upload: the
 * next start on the same data folder puts the image back to `queued` and
 * leaves no temporary file, and the upload can simply be done again.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ADMIN_PASSWORD, DEMO_PASSWORD, OpenStackClient, startTestCloud, waitFor } from "@zenith/testkit";
import { afterAll, describe, expect, it } from "vitest";

const CONTROL_DIR = resolve(import.meta.dirname, "../../apps/control");

/** Runs the real control plane (`src/main.ts`) as its own process, so it can be killed outright. */
async function spawnControl(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: CONTROL_DIR,
    env: {
      ...process.env,
      // PGlite in the data folder, whatever the calling shell has set.
      DATABASE_URL: "",
      ZENITH_AGENT_TOKEN: "",
      ZENITH_DATA_DIR: dataDir,
      ZENITH_CONTROL_PORT: "0",
      ZENITH_ADMIN_PASSWORD: ADMIN_PASSWORD,
      ZENITH_DEMO_PASSWORD: DEMO_PASSWORD,
      ZENITH_SEED_STARTER_IMAGE: "false",
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    out += chunk.toString();
  });
  let url = "";
  await waitFor(
    () => {
      if (child.exitCode !== null) throw new Error(`control plane exited: ${out}`);
      url = /"listening":"(http:\/\/[^"]+)"/.exec(out)?.[1] ?? "";
      return url !== "";
    },
    { timeoutMs: 180_000, what: "the control plane listening" },
  );
  return { child, url };
}

const tempFiles = (dir: string) => {
  try {
    return readdirSync(dir).filter((n) => n.endsWith(".tmp"));
  } catch {
    return [];
  }
};

describe("an image upload cut short by a crash of the control plane", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "zenith-upload-crash-"));
  const imagesDir = join(dataDir, "images");
  let child: ChildProcess | undefined;
  afterAll(() => {
    child?.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("leaves the image queued with no temporary file after a restart on the same data folder", async () => {
    const first = await spawnControl(dataDir);
    child = first.child;
    const client = new OpenStackClient(first.url);
    const token = await client.login("admin", ADMIN_PASSWORD, "admin");
    const created = await client.request("POST", "/image/v2/images", {
      token,
      body: { name: "interrupted", disk_format: "raw", container_format: "bare" },
    });
    expect(created.status).toBe(201);
    const id: string = created.body.id;

    // An upload that sends some bytes and then never finishes.
    const { hostname, port } = new URL(first.url);
    const upload = httpRequest({
      host: hostname,
      port: Number(port),
      method: "PUT",
      path: `/image/v2/images/${id}/file`,
      headers: { "x-auth-token": token, "content-type": "application/octet-stream" },
    });
    upload.on("error", () => {});
    upload.write(Buffer.alloc(256 * 1024, 7));
    await waitFor(async () => {
      const image = await client.request("GET", `/image/v2/images/${id}`, { token });
      const temps = tempFiles(imagesDir);
      return image.body.status === "saving" && temps.some((n) => statSync(join(imagesDir, n)).size > 0);
    });

    const exited = new Promise((done) => first.child.once("exit", done));
    first.child.kill("SIGKILL");
    await exited;
    upload.destroy();
    expect(tempFiles(imagesDir)).not.toEqual([]);

    const cloud = await startTestCloud({ dataDir, databaseUrl: undefined, seedStarterImage: false });
    try {
      const admin = await cloud.adminToken();
      const image = await cloud.client.request("GET", `/image/v2/images/${id}`, { token: admin });
      expect(image.body.status).toBe("queued");
      expect(tempFiles(imagesDir)).toEqual([]);
      // The client retries, as after any failed upload.
      const retry = await cloud.client.request("PUT", `/image/v2/images/${id}/file`, {
        token: admin,
        rawBody: new Uint8Array(1024),
        headers: { "content-type": "application/octet-stream" },
      });
      expect(retry.status).toBe(204);
      const done = await cloud.client.request("GET", `/image/v2/images/${id}`, { token: admin });
      expect(done.body).toMatchObject({ status: "active", size: 1024 });
    } finally {
      await cloud.close();
    }
  });
});
