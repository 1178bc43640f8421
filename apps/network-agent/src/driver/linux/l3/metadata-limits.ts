/** Bounds shared by the metadata proxy (in the namespace) and the relay (in the agent). */
export const METADATA_MAX_PATH = 1024;
/** Nova caps user data at 64 KiB base64; a metadata document is far smaller than this. */
export const METADATA_MAX_BODY = 1024 * 1024;
export const METADATA_TIMEOUT_MS = 10_000;
