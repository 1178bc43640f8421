import type { WebEnv } from "@/env";

/** Shown on every portal page when `npm start` runs the fake network driver: networks exist, no packet flows. */
export function SimulatedNetworkNote({ reason }: { reason: WebEnv["ZENITH_SIMULATED_NETWORK_REASON"] }) {
  return (
    <p
      role="note"
      className="mb-4 rounded-lg border border-border bg-surface px-4 py-2 text-sm text-fg-muted"
    >
      {reason === "chosen" ? (
        <>
          Networking on this cloud is simulated: it was started with <code>ZENITH_NETWORK_DRIVER=fake</code>.
          Restart with <code>ZENITH_NETWORK_DRIVER=auto</code> (or <code>linux</code>) for real bridges, DHCP
          and routers.
        </>
      ) : (
        <>
          Networking on this cloud is simulated: its network agent cannot change the host&apos;s networking
          (it needs root or <code>CAP_NET_ADMIN</code>, with iproute2, nftables and dnsmasq). Guests get no
          address and floating IPs do not answer until it restarts with those rights.
        </>
      )}
    </p>
  );
}
