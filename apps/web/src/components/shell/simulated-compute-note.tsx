import type { WebEnv } from "@/env";

/** Shown on every portal page where `npm start` runs no QEMU host: instances are simulated, and why. */
export function SimulatedComputeNote({ reason }: { reason: WebEnv["ZENITH_SIMULATED_REASON"] }) {
  return (
    <p
      role="note"
      className="mb-4 rounded-lg border border-border bg-surface px-4 py-2 text-sm text-fg-muted"
    >
      {reason === "chosen" ? (
        <>
          Instances on this cloud are simulated: it was started with <code>ZENITH_COMPUTE_DRIVER=fake</code>.
          Restart with <code>ZENITH_COMPUTE_DRIVER=auto</code> (or <code>qemu</code>) to run real guests.
        </>
      ) : reason === "no-image" ? (
        <>
          Instances on this cloud are simulated: the guest image zenith-tiny could not be built (see the{" "}
          <code>npm start</code> output). Fix that and restart to run real guests.
        </>
      ) : (
        <>
          Instances on this cloud are simulated: QEMU is not installed on its compute host. Install{" "}
          <code>qemu-system-x86 qemu-utils</code> and restart with <code>npm start</code> to run real guests.
        </>
      )}
    </p>
  );
}
