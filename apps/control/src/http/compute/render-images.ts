import type { Image } from "@zenith/db/generated";
import { propertiesOf } from "../../services/image/values.ts";
import type { ComputeLinks, Link } from "./render-common.ts";

/** Nova's image statuses (views/images.py `_get_status`), from Glance's. */
const STATUS: Record<string, string> = {
  active: "ACTIVE",
  queued: "SAVING",
  saving: "SAVING",
  deleted: "DELETED",
  pending_delete: "DELETED",
  killed: "ERROR",
};

/** Nova's `_get_progress`. */
const PROGRESS: Record<string, number> = { queued: 25, saving: 50, active: 100 };

/** Nova's statuses as filters map back onto Glance's (case does not matter). */
export function glanceStatusesOf(novaStatus: string): string[] {
  const wanted = novaStatus.toUpperCase();
  const matches = Object.entries(STATUS)
    .filter(([, nova]) => nova === wanted)
    .map(([glance]) => glance);
  return matches.length ? matches : [novaStatus.toLowerCase()];
}

/** Seconds precision with a Z, as Nova's `_format_date`. */
function novaImageTime(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}

export class ImageRenderer {
  constructor(
    private readonly links: ComputeLinks,
    /** Glance's endpoint, for the `alternate` link. */
    private readonly glanceUrl: string,
  ) {}

  private imageLinks(id: string): Array<Link & { type?: string }> {
    return [
      ...this.links.resource("images", id),
      {
        rel: "alternate",
        type: "application/vnd.openstack.image",
        href: `${this.glanceUrl}/images/${encodeURIComponent(id)}`,
      },
    ];
  }

  /** `GET /images` entries. */
  summary(image: Image) {
    return { id: image.id, name: image.name, links: this.imageLinks(image.id) };
  }

  /** `GET /images/{id}` and `/images/detail` entries. */
  detail(image: Image): Record<string, unknown> {
    const metadata = propertiesOf(image);
    const body: Record<string, unknown> = {
      id: image.id,
      name: image.name,
      minRam: image.minRam,
      minDisk: image.minDisk,
      metadata,
      created: novaImageTime(image.createdAt),
      updated: novaImageTime(image.updatedAt),
      status: STATUS[image.status] ?? "UNKNOWN",
      progress: PROGRESS[image.status] ?? 0,
      "OS-EXT-IMG-SIZE:size": image.size === null ? null : Number(image.size),
      links: this.imageLinks(image.id),
    };
    const server = metadata.instance_uuid;
    if (server !== undefined) body.server = { id: server, links: this.links.resource("servers", server) };
    const auto = metadata.auto_disk_config;
    if (auto !== undefined) {
      body["OS-DCF:diskConfig"] = ["true", "1", "on", "yes", "y", "t"].includes(auto.toLowerCase())
        ? "AUTO"
        : "MANUAL";
    }
    return body;
  }
}
