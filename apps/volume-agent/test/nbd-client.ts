/**
 * A real NBD client for tests: qemu-img / qemu-io connecting to an export
 * with TLS-PSK credentials written to a private temp folder, as a compute
 * host would.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { ExportConnection } from "../src/driver/types.ts";

const execFileAsync = promisify(execFile);

export interface ClientCredentials {
  tlsUsername: string;
  secret: string;
}

export interface ClientResult {
  ok: boolean;
  stdout: string;
  stderr: string;
}

async function withCreds<T>(creds: ClientCredentials, work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "zenith-nbd-client-"));
  try {
    await writeFile(join(dir, "keys.psk"), `${creds.tlsUsername}:${creds.secret}\n`, { mode: 0o600 });
    return await work(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function nbdArgs(conn: ExportConnection, creds: ClientCredentials, dir: string): string[] {
  return [
    "--object",
    `tls-creds-psk,id=tls0,endpoint=client,dir=${dir},username=${creds.tlsUsername}`,
    "--image-opts",
    `driver=nbd,server.type=inet,server.host=${conn.host},server.port=${conn.port},export=${conn.exportName},tls-creds=tls0`,
  ];
}

async function run(binary: string, args: string[]): Promise<ClientResult> {
  try {
    const { stdout, stderr } = await execFileAsync(binary, args, { timeout: 30_000 });
    return { ok: true, stdout, stderr };
  } catch (err) {
    const out = (k: "stdout" | "stderr") =>
      err instanceof Error && k in err ? String(err[k as keyof Error]) : "";
    return { ok: false, stdout: out("stdout"), stderr: out("stderr") };
  }
}

/** `qemu-img info` through the export; the virtual size when it connected. */
export async function nbdInfo(conn: ExportConnection, creds: ClientCredentials = conn) {
  return await withCreds(creds, async (dir) => {
    const result = await run("qemu-img", ["info", "--output=json", ...nbdArgs(conn, creds, dir)]);
    const size = result.ok
      ? (JSON.parse(result.stdout) as { "virtual-size": number })["virtual-size"]
      : undefined;
    return { ...result, size };
  });
}

/** Runs qemu-io commands (e.g. `write -P 0xab 0 64k`) through the export; `readOnly` opens it with `-r`. */
export async function nbdIo(
  conn: ExportConnection,
  commands: string[],
  options: { creds?: ClientCredentials; readOnly?: boolean } = {},
) {
  const creds = options.creds ?? conn;
  return await withCreds(creds, (dir) =>
    run("qemu-io", [
      ...(options.readOnly ? ["-r"] : []),
      ...commands.flatMap((c) => ["-c", c]),
      ...nbdArgs(conn, creds, dir),
    ]),
  );
}
