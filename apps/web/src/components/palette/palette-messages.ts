import type { MessagesLoader } from "@/i18n/lazy-client-messages";

/**
 * The message areas whose namespaces the palette's results and actions read
 * (each kind's row-menu and status texts), loaded in the browser when the
 * palette first opens or the browser is idle: they were ~26 KB of every
 * page's HTML when the portal layout provided them.
 */
export const loadPaletteAreas: MessagesLoader = async (locale) => {
  const [compute, identity, network, volume] =
    locale === "zh-CN"
      ? await Promise.all([
          import("../../../messages/zh-CN/compute.json"),
          import("../../../messages/zh-CN/identity.json"),
          import("../../../messages/zh-CN/network.json"),
          import("../../../messages/zh-CN/volume.json"),
        ])
      : await Promise.all([
          import("../../../messages/en/compute.json"),
          import("../../../messages/en/identity.json"),
          import("../../../messages/en/network.json"),
          import("../../../messages/en/volume.json"),
        ]);
  return {
    compute: compute.default,
    identity: identity.default,
    network: network.default,
    volume: volume.default,
  };
};
