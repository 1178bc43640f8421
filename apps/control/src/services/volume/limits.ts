/**
 * Input bounds of the volume API, in one place. Cinder's columns are
 * VARCHAR(255) for names, keys and values; the counts are ours (Cinder has
 * none), so one request cannot write unbounded rows.
 */
export const MAX_NAME = 255;
export const MAX_DESCRIPTION = 255;
export const MAX_SPEC_KEY = 255;
export const MAX_SPEC_VALUE = 255;
/** Extra specs per volume type (Nova's metadata_items default). */
export const MAX_EXTRA_SPECS = 128;
/** Cinder's quota columns are INT: -1 (unlimited) up to the largest INT. */
export const MAX_QUOTA = 2_147_483_647;
