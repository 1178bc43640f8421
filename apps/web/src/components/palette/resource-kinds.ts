import {
  Boxes,
  FolderKanban,
  Globe,
  HardDrive,
  Image,
  KeyRound,
  type LucideIcon,
  Network,
  Server,
  Shield,
  User,
  Waypoints,
} from "lucide-react";
import { imageStatusTone, type StatusTone, statusTone } from "@/lib/compute/instance-status";
import { networkStatusTone } from "@/lib/network/network-status";
import { volumeTone } from "@/lib/volume/volume-status";
import type { RouterOutputs } from "@/trpc/react";

export type SearchGroup = RouterOutputs["search"]["resources"]["groups"][number];
export type SearchKind = SearchGroup["kind"];
export type SearchHit = RouterOutputs["search"]["resources"]["groups"][number]["items"][number];

/** The group heading is the `palette.kinds.<kind>` message; the status label comes from `usePaletteStatusLabel`. */
interface KindSpec {
  icon: LucideIcon;
  /** Where "Open" goes: the resource's own page, or its list where it has none. */
  href: (id: string) => string;
  /** It has no page of its own: its actions open on its list, naming the row (`?action=…&id=…`). */
  onList?: true;
  tone: (status: string) => StatusTone;
}

const enabledTone = (status: string): StatusTone => (status === "enabled" ? "success" : "muted");

/** Every kind the BFF's `search.resources` answers, as the palette shows it. */
export const RESOURCE_KINDS: Record<SearchKind, KindSpec> = {
  instance: {
    icon: Server,
    href: (id) => `/project/instances/${encodeURIComponent(id)}`,
    tone: statusTone,
  },
  volume: {
    icon: HardDrive,
    href: (id) => `/project/volumes/${encodeURIComponent(id)}`,
    tone: volumeTone,
  },
  image: {
    icon: Image,
    onList: true,
    href: () => "/project/images",
    tone: imageStatusTone,
  },
  network: {
    icon: Network,
    href: (id) => `/project/networks/${encodeURIComponent(id)}`,
    tone: networkStatusTone,
  },
  router: {
    icon: Waypoints,
    href: (id) => `/project/routers/${encodeURIComponent(id)}`,
    tone: networkStatusTone,
  },
  securityGroup: {
    icon: Shield,
    href: (id) => `/project/security-groups/${encodeURIComponent(id)}`,
    tone: () => "muted",
  },
  floatingIp: {
    icon: Globe,
    onList: true,
    href: () => "/project/floating-ips",
    tone: networkStatusTone,
  },
  keyPair: {
    icon: KeyRound,
    onList: true,
    href: () => "/project/key-pairs",
    tone: () => "muted",
  },
  project: {
    icon: FolderKanban,
    onList: true,
    href: () => "/identity/projects",
    tone: enabledTone,
  },
  user: {
    icon: User,
    onList: true,
    href: () => "/identity/users",
    tone: enabledTone,
  },
};

/** The icon of a page entry (pages have no kind). */
export const PAGE_ICON: LucideIcon = Boxes;
