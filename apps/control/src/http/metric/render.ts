/** Gnocchi v1's JSON shapes for resources, metrics, archive policies and resource types. */
import { METRICS, RESOURCE_TYPES } from "@zenith/agent-protocol/metering";
import {
  AGGREGATION_METHODS,
  ARCHIVE_LEVELS,
  ARCHIVE_POLICY_NAME,
} from "../../services/metering/archive-policy.ts";
import type { MetricRow, ResourceRow } from "../../services/metering/resources.ts";

/** The creator Gnocchi records; measures here come only from this cloud's agents. */
const CREATOR = "zenith";

/** Gnocchi's timestamps: `2026-12-06T18:00:00.123000+00:00`. */
function iso(date: Date | null): string | null {
  return date ? date.toISOString().replace(/\.(\d{3})Z$/, ".$1000+00:00") : null;
}

/** Python's str(timedelta), which Gnocchi uses for granularity and timespan: `0:00:10`, `7 days, 0:00:00`. */
function timedelta(seconds: number): string {
  const days = Math.floor(seconds / 86_400);
  const rest = seconds % 86_400;
  const hms = `${Math.floor(rest / 3600)}:${String(Math.floor((rest % 3600) / 60)).padStart(2, "0")}:${String(rest % 60).padStart(2, "0")}`;
  return days > 0 ? `${days} day${days > 1 ? "s" : ""}, ${hms}` : hms;
}

export function renderArchivePolicy() {
  return {
    name: ARCHIVE_POLICY_NAME,
    back_window: 0,
    definition: ARCHIVE_LEVELS.map((l) => ({
      granularity: timedelta(l.granularity),
      timespan: timedelta(l.timespan),
      points: l.timespan / l.granularity,
    })),
    aggregation_methods: [...AGGREGATION_METHODS],
  };
}

/** Each type's own attributes, as Ceilometer's gnocchi_resources.yaml declares them. */
const TYPE_ATTRIBUTES: Record<string, string[]> = {
  generic: [],
  instance: ["display_name", "flavor_id", "flavor_name", "image_ref", "host", "server_group"],
  instance_disk: ["name", "instance_id"],
  instance_network_interface: ["name", "instance_id"],
  volume: ["display_name", "volume_type_id"],
  host: ["host_name"],
  router: ["name"],
  floating_ip: ["floating_ip_address"],
};

export function renderResourceType(name: string) {
  const attributes = Object.fromEntries(
    (TYPE_ATTRIBUTES[name] ?? []).map((a) => [
      a,
      { type: "string", required: false, min_length: 0, max_length: 255 },
    ]),
  );
  return { name, state: "active", attributes };
}

export const RESOURCE_TYPE_LIST = ["generic", ...RESOURCE_TYPES];

export function renderResource(r: ResourceRow) {
  const attrs = (r.attributes ?? {}) as Record<string, unknown>;
  return {
    id: r.id,
    type: r.type,
    original_resource_id: r.originalResourceId,
    project_id: r.projectId,
    user_id: r.userId,
    started_at: iso(r.startedAt),
    ended_at: iso(r.endedAt),
    revision_start: iso(r.revisionStart),
    revision_end: null,
    creator: CREATOR,
    created_by_project_id: "",
    created_by_user_id: CREATOR,
    metrics: Object.fromEntries(
      [...r.metrics].sort((a, b) => a.name.localeCompare(b.name)).map((m) => [m.name, m.id]),
    ),
    ...attrs,
  };
}

export function renderMetric(m: MetricRow, withResource = false) {
  return {
    id: m.id,
    name: m.name,
    unit: m.unit,
    resource_id: m.resourceId,
    archive_policy_name: ARCHIVE_POLICY_NAME,
    archive_policy: renderArchivePolicy(),
    creator: CREATOR,
    created_by_project_id: "",
    created_by_user_id: CREATOR,
    ...(withResource ? { resource: renderResource({ ...m.resource, metrics: [] }) } : {}),
    // Zenith's addition: what the metric means (Gnocchi has no such field; clients ignore it).
    description: METRICS[m.name as keyof typeof METRICS]?.description ?? null,
  };
}
