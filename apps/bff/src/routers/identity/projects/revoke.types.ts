export {
  ZProjectGrantRequestSchema as ZProjectRevokeRequestSchema,
  ZProjectGrantResponseSchema as ZProjectRevokeResponseSchema,
} from "./grant.types.ts";
