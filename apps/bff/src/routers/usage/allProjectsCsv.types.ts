export {
  ZUsageCsvSchema as ZAllProjectsUsageCsvResponseSchema,
  ZUsageRangeSchema as ZAllProjectsUsageCsvRequestSchema,
} from "./range.types.ts";
