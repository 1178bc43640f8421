import { ToneBadge } from "@/components/tone-badge";
import { networkStatusLabel, networkStatusTone } from "@/lib/network/network-status";

/** A network's or port's status (ACTIVE, BUILD, DOWN, ERROR), coloured like the instance badges. */
export function NetworkStatusBadge({ status }: { status: string }) {
  return <ToneBadge tone={networkStatusTone(status)}>{networkStatusLabel(status)}</ToneBadge>;
}

/** Neutron's admin state: a network can be administratively down while its status still says ACTIVE. */
export function AdminStateBadge({ up }: { up: boolean }) {
  return <ToneBadge tone={up ? "success" : "warning"}>{up ? "Up" : "Down"}</ToneBadge>;
}
