export {
  ZUsageCsvSchema as ZProjectUsageCsvResponseSchema,
  ZUsageRangeSchema as ZProjectUsageCsvRequestSchema,
} from "./range.types.ts";
