/**
 * Names of everything the L3 modules create, derived from resource ids so
 * that after a restart `list*` finds them again without any other record
 * (Neutron's linuxbridge/l3/dhcp agents use the same prefixes).
 */
import { tapDeviceName } from "@zenith/agent-protocol/network";

export { tapDeviceName };
/** The bridge L2 keeps for a network: "brq" + the first 11 characters of its id. */
export const bridgeName = (networkId: string): string => `brq${networkId.slice(0, 11)}`;
export const DHCP_NS_PREFIX = "qdhcp-";
export const ROUTER_NS_PREFIX = "qrouter-";
export const dhcpNamespace = (networkId: string): string => `${DHCP_NS_PREFIX}${networkId}`;
export const routerNamespace = (routerId: string): string => `${ROUTER_NS_PREFIX}${routerId}`;
/** The DHCP port's end inside its namespace (linuxbridge agent naming). */
export const dhcpNsDevice = (portId: string): string => `ns-${portId.slice(0, 11)}`;
export const routerInterfaceDevice = (portId: string): string => `qr-${portId.slice(0, 11)}`;
export const routerGatewayDevice = (portId: string): string => `qg-${portId.slice(0, 11)}`;
/** The nftables table holding a router's NAT (family `ip`, inside the router's namespace). */
export const ROUTER_NAT_TABLE = "zenith_router";
export const METADATA_ADDRESS = "169.254.169.254";
