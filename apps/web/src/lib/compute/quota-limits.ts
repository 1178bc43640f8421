/** Limits of -1 mean "unlimited" in Nova (and Cinder, Neutron). */
export function isUnlimited(limit: number): boolean {
  return limit < 0;
}
