import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { promisify } from "node:util";
import { Zygote } from "./osc-zygote.ts";

const execFileAsync = promisify(execFile);
export const OPENSTACK = "/usr/bin/openstack";
const TIMEOUT_MS = 60_000;

/**
 * Every call runs the real CLI. By default it is forked from a python process
 * that has already imported it (osc-zygote.py: same interpreter, same
 * `main()`, the call's exact environment and argv), which saves ~0.8 s of CPU
 * a call. `ZENITH_CLI_ZYGOTE=0` execs /usr/bin/openstack for every call.
 */
export function zygoteEnabled(): boolean {
  return process.env.ZENITH_CLI_ZYGOTE !== "0";
}

const zygote = new Zygote(OPENSTACK);

/** The pid of this process's zygote, if one runs (for tests of the zygote itself). */
export function zygotePid(): number | undefined {
  return zygote.pid;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Debian's CLI must exist: `npm test` installs it (scripts/ensure-system-deps.sh). */
export function assertCliInstalled(): void {
  if (!existsSync(OPENSTACK)) {
    throw new Error(`${OPENSTACK} is missing: run scripts/ensure-system-deps.sh openstack (npm test does)`);
  }
}

/** The environment an RC file would set, minus anything inherited from the caller's shell. */
export function osEnv(vars: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("OS_")) env[k] = v;
  return { ...env, OS_IDENTITY_API_VERSION: "3", OS_INTERFACE: "public", ...vars };
}

/** The RC-file environment of a password user in the Default domain, scoped to a project by name. */
export function projectEnv(
  controlUrl: string,
  user: string,
  password: string,
  project: string,
): NodeJS.ProcessEnv {
  return osEnv({
    OS_AUTH_URL: `${controlUrl}/identity/v3`,
    OS_USERNAME: user,
    OS_PASSWORD: password,
    OS_PROJECT_NAME: project,
    OS_USER_DOMAIN_NAME: "Default",
    OS_PROJECT_DOMAIN_NAME: "Default",
  });
}

/** Runs `openstack <args>` and returns its exit code and output (never throws on a non-zero exit). */
export async function openstack(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  if (zygoteEnabled()) {
    const res = await openstackForked(args, env);
    if (res) return res;
  }
  return openstackExec(args, env);
}

/**
 * The call forked from the zygote, or null when the zygote cannot take it (an
 * environment whose non-OS_* part differs from the one the zygote started with
 * while that one is busy). A child ended by a signal gives 1, as execFile does.
 */
export async function openstackForked(
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = TIMEOUT_MS,
): Promise<CliResult | null> {
  const res = await zygote.run(args, env, timeoutMs);
  return res && { code: res.code ?? 1, stdout: res.stdout, stderr: res.stderr };
}

/** The call as a new process of /usr/bin/openstack. */
export async function openstackExec(
  args: string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = TIMEOUT_MS,
): Promise<CliResult> {
  try {
    const { stdout, stderr } = await execFileAsync(OPENSTACK, args, { env, timeout: timeoutMs });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : 1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

/** Runs a command that must succeed and parses its `-f json` output. */
export async function openstackJson<T>(args: string[], env: NodeJS.ProcessEnv): Promise<T> {
  const res = await openstack([...args, "-f", "json"], env);
  if (res.code !== 0) {
    throw new Error(`openstack ${args.join(" ")} failed (${res.code}): ${res.stderr || res.stdout}`);
  }
  return JSON.parse(res.stdout) as T;
}

/** Runs a command that must succeed and prints nothing useful. */
export async function openstackOk(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const res = await openstack(args, env);
  if (res.code !== 0) {
    throw new Error(`openstack ${args.join(" ")} failed (${res.code}): ${res.stderr || res.stdout}`);
  }
  return res.stdout;
}
