export {
  ZUsageRangeSchema as ZProjectUsageRequestSchema,
  ZUsageReadingSchema as ZProjectUsageResponseSchema,
} from "./range.types.ts";
