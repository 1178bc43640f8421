"use client";

import { useState } from "react";
import { FormError } from "@/components/form/form-error";
import { SelectField } from "@/components/form/select-field";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { serverAddFloatingIp, serverAddInterface, serverRemovePort } from "@/lib/openstack-cli/compute";
import { routerAddSubnet, routerRemovePort } from "@/lib/openstack-cli/network";
import type { CliScript } from "@/lib/openstack-cli/script";
import type { ConnectionIntent, DisconnectIntent } from "@/lib/topology/connections";
import type { TopologyEdge, TopologyNode } from "@/lib/topology/types";
import type { TopologyActions } from "@/lib/topology/use-topology-actions";
import { errorMessageOf } from "@/lib/trpc-errors";

/** A network change started from the diagram, waiting for the user's confirmation. */
export type PendingChange =
  | ConnectionIntent
  | DisconnectIntent
  | { kind: "associate-fip"; instance: TopologyNode; ports: TopologyEdge[] };

const label = (n: TopologyNode) => n.name || n.id;
const portLabel = (p: TopologyEdge) => p.addresses.map((a) => a.ip).join(", ") || p.id;

interface Copy {
  title: string;
  confirm: string;
  danger: boolean;
  body: string;
}

function copyOf(change: PendingChange): Copy {
  switch (change.kind) {
    case "attach":
      return {
        title: "Attach interface",
        confirm: "Attach",
        danger: false,
        body: `Attach ${label(change.instance)} to ${label(change.network)}? The instance gets a new port and an address on that network.`,
      };
    case "router-interface":
      return {
        title: "Add router interface",
        confirm: "Add interface",
        danger: false,
        body: `Connect ${label(change.router)} to ${label(change.network)}? The router takes the subnet's gateway address and routes its traffic.`,
      };
    case "detach":
      return {
        title: "Detach interface",
        confirm: "Detach",
        danger: true,
        body: `Detach ${label(change.instance)} from ${label(change.network)} (${portLabel(change.port)})? The port and its address are released; the guest loses that connection.`,
      };
    case "remove-router-interface":
      return {
        title: "Remove router interface",
        confirm: "Remove interface",
        danger: true,
        body: `Disconnect ${label(change.router)} from ${label(change.network)} (${portLabel(change.port)})? Instances on that network lose their route through this router.`,
      };
    case "associate-fip":
      return {
        title: "Associate floating IP",
        confirm: "Associate",
        danger: false,
        body: `Give ${label(change.instance)} a floating IP from the external network, reachable from outside.`,
      };
  }
}

/** The change as `openstack` commands, for "Show the CLI". */
function cliOf(change: PendingChange, choice: string): CliScript {
  switch (change.kind) {
    case "attach":
      return serverAddInterface({
        serverId: change.instance.id,
        kind: "network",
        networkId: change.network.id,
      });
    case "router-interface":
      return routerAddSubnet({ routerId: change.router.id, subnetId: choice });
    case "detach":
      return serverRemovePort({ serverId: change.instance.id, portId: change.port.id });
    case "remove-router-interface":
      return routerRemovePort({ routerId: change.router.id, portId: change.port.id });
    case "associate-fip":
      // The portal takes a free floating IP of the project or allocates one from the external network.
      return serverAddFloatingIp({ source: "allocate", portId: choice, poolNetworkId: "" });
  }
}

/**
 * Confirms a network change and runs it through `useTopologyActions`:
 * busy while it runs, the API's message inline when it is refused; the
 * diagram itself changes when the push stream brings the result.
 */
export function TopologyChangeDialog({
  change,
  actions,
  onClose,
}: {
  change: PendingChange;
  actions: TopologyActions;
  onClose: () => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const choices =
    change.kind === "router-interface"
      ? change.subnets.map((s) => ({ value: s.id, label: `${s.name || s.id} (${s.cidr})` }))
      : change.kind === "associate-fip"
        ? change.ports.map((p) => ({ value: p.id, label: portLabel(p) }))
        : [];
  const [choice, setChoice] = useState(choices[0]?.value ?? "");
  const copy = copyOf(change);

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      if (change.kind === "attach") await actions.attachInterface(change.instance.id, change.network.id);
      if (change.kind === "router-interface") await actions.addRouterInterface(change.router.id, choice);
      if (change.kind === "detach") await actions.detachInterface(change.instance.id, change.port.id);
      if (change.kind === "remove-router-interface")
        await actions.removeRouterInterface(change.router.id, change.port.id);
      if (change.kind === "associate-fip") await actions.associateFloatingIp(change.instance.id, choice);
      onClose();
    } catch (cause) {
      setError(errorMessageOf(cause));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open onClose={onClose} title={copy.title}>
      <p className="text-sm">{copy.body}</p>
      {choices.length > 1 ? (
        <div className="mt-3">
          <SelectField
            label={change.kind === "router-interface" ? "Subnet" : "Port"}
            name="choice"
            value={choice}
            onChange={(event) => setChoice(event.target.value)}
            options={choices}
          />
        </div>
      ) : null}
      {change.kind === "associate-fip" && choices.length === 0 ? (
        <p className="mt-3 text-sm text-fg-muted">This instance has no port to put a floating IP on.</p>
      ) : null}
      <FormError message={error} />
      <DialogActions cli={cliOf(change, choice)}>
        <Button onClick={onClose} autoFocus>
          Cancel
        </Button>
        <Button
          variant={copy.danger ? "danger" : "primary"}
          onClick={() => void run()}
          busy={busy}
          disabled={(change.kind === "associate-fip" || change.kind === "router-interface") && !choice}
        >
          {copy.confirm}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
