import { ZenithError } from "@zenith/core/errors";

/** Nova's MetadataLimitExceeded (403). */
export function checkMetadataQuota(metadata: Record<string, string>, limit: number): void {
  if (limit >= 0 && Object.keys(metadata).length > limit) {
    throw new ZenithError("OVER_LIMIT", `Maximum number of metadata items exceeds ${limit}`);
  }
}
