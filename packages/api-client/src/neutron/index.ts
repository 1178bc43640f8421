export {
  createNeutronClient,
  type FloatingIpCreate,
  type NetworkCreate,
  type NeutronClient,
  type NeutronClientOptions,
  type NeutronQuery,
  neutronV2Url,
  type PortCreate,
  type RouterCreate,
  type SecurityGroupRuleCreate,
  type SubnetCreate,
} from "./client.ts";
export * from "./schemas.ts";
