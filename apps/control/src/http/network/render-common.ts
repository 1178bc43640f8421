/** Neutron's timestamps: second precision, UTC, with a Z ("2016-03-08T20:19:41Z"). */
export function neutronTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** project_id and tenant_id: one value under both names, as upstream renders it. */
export function owner(projectId: string): { project_id: string; tenant_id: string } {
  return { project_id: projectId, tenant_id: projectId };
}
