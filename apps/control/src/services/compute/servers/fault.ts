import type { Prisma } from "@zenith/db/client";

/** The `fault` JSON kept on an instance, rendered as Nova's server fault. */
export function faultJson(message: string, code = 500): Prisma.InputJsonObject {
  return { code, message, created: new Date().toISOString() };
}

/** What each hypervisor run state that crashes a guest means, in words an owner can act on. */
const CRASH_CAUSES: Record<string, string> = {
  "internal-error": "the hypervisor could not run the guest (e.g. KVM refused its code) and stopped it",
  "guest-panicked": "the guest's kernel panicked",
  "io-error": "a disk of the guest failed and the hypervisor stopped it",
};

/** Why a guest an agent found crashed stopped; `hypervisorState` is the hypervisor's own word for it. */
export function crashMessage(hypervisorState: string | undefined): string {
  const cause = hypervisorState === undefined ? undefined : CRASH_CAUSES[hypervisorState];
  const what =
    hypervisorState === undefined
      ? "The guest crashed"
      : `The hypervisor reports ${hypervisorState}: ${cause ?? "the guest stopped"}`;
  return `${what}; hard reboot or rebuild the server`;
}
