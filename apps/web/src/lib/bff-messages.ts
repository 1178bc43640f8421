import type { ErrorsT } from "./trpc-errors";

/**
 * The BFF writes its own messages in English (the API stays one language);
 * the few it sends for whole classes of failure are recognised here and said
 * in the reader's language. In English each reads exactly as the BFF wrote it
 * (bff-messages.test.ts builds them with the BFF's own code). A message not
 * recognised is shown as it came, or, for SERVICE_UNAVAILABLE, as a
 * translated lead with the BFF's text as the detail.
 */

/** The BFF's names of catalog services (apps/bff services/cloud/catalog.ts) → `serviceMissing` choices. */
const CATALOG_SERVICES: Record<string, string> = {
  "compute (Nova)": "compute",
  "image (Glance)": "image",
  "network (Neutron)": "network",
  "block storage (Cinder)": "blockStorage",
};

const SERVICE_MISSING = /^This cloud has no (.+) service in its catalog\.$/;
const UNEXPECTED = /^An unexpected error occurred \(request id (.+)\)\.$/;
const CLOUD_UNAVAILABLE = "The cloud service is unavailable. Try again shortly.";
const CLOUD_FAILED = "The cloud service failed.";

/** The reader's words for a message the BFF sends, or undefined when it is not one of the known ones. */
export function knownBffMessage(t: ErrorsT, message: string): string | undefined {
  const missing = SERVICE_MISSING.exec(message);
  if (missing?.[1]) {
    return t("serviceMissing", { service: CATALOG_SERVICES[missing[1]] ?? missing[1] });
  }
  const unexpected = UNEXPECTED.exec(message);
  if (unexpected?.[1]) return t("unexpected", { requestId: unexpected[1] });
  if (message === CLOUD_UNAVAILABLE) return t("cloudUnavailable");
  if (message === CLOUD_FAILED) return t("cloudFailed");
  return undefined;
}
