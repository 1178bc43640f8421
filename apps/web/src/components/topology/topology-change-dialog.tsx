"use client";

import { useTranslations } from "next-intl";
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
import type { TopologyT } from "@/lib/topology/labels";
import type { TopologyEdge, TopologyNode } from "@/lib/topology/types";
import type { TopologyActions } from "@/lib/topology/use-topology-actions";
import { useErrorMessage } from "@/lib/use-error-message";

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

function copyOf(t: TopologyT, change: PendingChange): Copy {
  switch (change.kind) {
    case "attach":
      return {
        title: t("change.attachTitle"),
        confirm: t("change.attachConfirm"),
        danger: false,
        body: t("change.attachBody", { instance: label(change.instance), network: label(change.network) }),
      };
    case "router-interface":
      return {
        title: t("change.routerInterfaceTitle"),
        confirm: t("change.routerInterfaceConfirm"),
        danger: false,
        body: t("change.routerInterfaceBody", {
          router: label(change.router),
          network: label(change.network),
        }),
      };
    case "detach":
      return {
        title: t("change.detachTitle"),
        confirm: t("change.detachConfirm"),
        danger: true,
        body: t("change.detachBody", {
          instance: label(change.instance),
          network: label(change.network),
          port: portLabel(change.port),
        }),
      };
    case "remove-router-interface":
      return {
        title: t("change.removeRouterInterfaceTitle"),
        confirm: t("change.removeRouterInterfaceConfirm"),
        danger: true,
        body: t("change.removeRouterInterfaceBody", {
          router: label(change.router),
          network: label(change.network),
          port: portLabel(change.port),
        }),
      };
    case "associate-fip":
      return {
        title: t("change.associateFipTitle"),
        confirm: t("change.associateFipConfirm"),
        danger: false,
        body: t("change.associateFipBody", { instance: label(change.instance) }),
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
  const t = useTranslations("topology");
  const tCommon = useTranslations("common");
  const errorMessageOf = useErrorMessage();
  const choices =
    change.kind === "router-interface"
      ? change.subnets.map((s) => ({
          value: s.id,
          label: t("change.subnetChoice", { name: s.name || s.id, cidr: s.cidr }),
        }))
      : change.kind === "associate-fip"
        ? change.ports.map((p) => ({ value: p.id, label: portLabel(p) }))
        : [];
  const [choice, setChoice] = useState(choices[0]?.value ?? "");
  const copy = copyOf(t, change);

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
            label={change.kind === "router-interface" ? t("change.subnet") : t("change.port")}
            name="choice"
            value={choice}
            onChange={(event) => setChoice(event.target.value)}
            options={choices}
          />
        </div>
      ) : null}
      {change.kind === "associate-fip" && choices.length === 0 ? (
        <p className="mt-3 text-sm text-fg-muted">{t("change.noPortForFip")}</p>
      ) : null}
      <FormError message={error} />
      <DialogActions cli={cliOf(change, choice)}>
        <Button onClick={onClose} autoFocus>
          {tCommon("cancel")}
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
