"use client";

import { useCallback, useMemo } from "react";
import { useToast } from "@/components/toast/toast-provider";

/**
 * The network changes the diagram can start. Each resolves when the change
 * was accepted (the diagram then updates from the push stream) and throws
 * the API's error otherwise, which the confirmation dialog shows.
 *
 * Until their procedures land (`compute.instances.attachInterface` /
 * `detachInterface` / `addFloatingIp`, `network.routers.addInterface` /
 * `removeInterface`), each says so through the toast: this one hook is
 * where they are wired at merge.
 */
export interface TopologyActions {
  attachInterface: (instanceId: string, networkId: string) => Promise<void>;
  detachInterface: (instanceId: string, portId: string) => Promise<void>;
  addRouterInterface: (routerId: string, subnetId: string) => Promise<void>;
  removeRouterInterface: (routerId: string, portId: string) => Promise<void>;
  associateFloatingIp: (instanceId: string, portId: string) => Promise<void>;
}

export function useTopologyActions(): TopologyActions {
  const toast = useToast();
  const notYet = useCallback(
    (what: string) => async () => {
      toast.show(`${what} from the diagram is not available yet.`, "info");
    },
    [toast],
  );
  return useMemo(
    () => ({
      attachInterface: notYet("Attaching an interface"),
      detachInterface: notYet("Detaching an interface"),
      addRouterInterface: notYet("Adding a router interface"),
      removeRouterInterface: notYet("Removing a router interface"),
      associateFloatingIp: notYet("Associating a floating IP"),
    }),
    [notYet],
  );
}
