"use client";

import { useTranslations } from "next-intl";
import { useMemo } from "react";
import { trpc } from "@/trpc/react";

/**
 * The network changes the diagram can start. Each resolves when the change
 * was accepted (the diagram then updates from the push stream, which the
 * BFF nudges at once through its change bus) and throws the API's error
 * otherwise, which the confirmation dialog shows.
 */
export interface TopologyActions {
  attachInterface: (instanceId: string, networkId: string) => Promise<void>;
  detachInterface: (instanceId: string, portId: string) => Promise<void>;
  addRouterInterface: (routerId: string, subnetId: string) => Promise<void>;
  removeRouterInterface: (routerId: string, portId: string) => Promise<void>;
  associateFloatingIp: (instanceId: string, portId: string) => Promise<void>;
}

export function useTopologyActions(): TopologyActions {
  const utils = trpc.useUtils();
  const t = useTranslations("topology.change");
  const attach = trpc.compute.instances.attachInterface.useMutation();
  const detach = trpc.compute.instances.detachInterface.useMutation();
  const addFloatingIp = trpc.compute.instances.addFloatingIp.useMutation();
  const addRouterInterface = trpc.network.routers.addInterface.useMutation();
  const removeRouterInterface = trpc.network.routers.removeInterface.useMutation();
  const { mutateAsync: attachAsync } = attach;
  const { mutateAsync: detachAsync } = detach;
  const { mutateAsync: addFloatingIpAsync } = addFloatingIp;
  const { mutateAsync: addRouterInterfaceAsync } = addRouterInterface;
  const { mutateAsync: removeRouterInterfaceAsync } = removeRouterInterface;

  return useMemo(
    () => ({
      async attachInterface(instanceId, networkId) {
        await attachAsync({ id: instanceId, networkId });
        await utils.compute.instances.interfaces.invalidate({ id: instanceId });
      },
      async detachInterface(instanceId, portId) {
        await detachAsync({ id: instanceId, portId });
        await utils.compute.instances.interfaces.invalidate({ id: instanceId });
      },
      async addRouterInterface(routerId, subnetId) {
        await addRouterInterfaceAsync({ routerId, subnetId });
      },
      async removeRouterInterface(routerId, portId) {
        await removeRouterInterfaceAsync({ routerId, portId });
      },
      // One click from the diagram: reuse a free floating IP of the project
      // if there is one, else allocate from the first external network.
      async associateFloatingIp(instanceId, portId) {
        const options = await utils.compute.instances.interfaceOptions.fetch({ id: instanceId });
        const free = options.freeFloatingIps[0];
        const pool = options.pools[0];
        if (!free && !pool) {
          throw new Error(t("noFloatingIpFree"));
        }
        await addFloatingIpAsync(
          free
            ? { id: instanceId, portId, floatingIpId: free.id }
            : { id: instanceId, portId, poolNetworkId: pool?.id },
        );
        await utils.compute.instances.interfaceOptions.invalidate({ id: instanceId });
      },
    }),
    [
      utils,
      t,
      attachAsync,
      detachAsync,
      addFloatingIpAsync,
      addRouterInterfaceAsync,
      removeRouterInterfaceAsync,
    ],
  );
}
