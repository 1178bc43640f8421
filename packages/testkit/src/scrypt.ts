/** Cheap scrypt so tests stay fast; the format and code path are the production ones. */
export const TEST_SCRYPT = { logN: 10, r: 8, p: 1 };
