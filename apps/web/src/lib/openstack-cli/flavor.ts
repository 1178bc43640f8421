/** `openstack flavor …` commands (admin). */
import { type CliScript, cmd, opt } from "./script";

export function flavorCreate(input: {
  name: string;
  vcpus: string | number;
  ram: string | number;
  disk: string | number;
  ephemeral?: string | number;
  swap?: string | number;
  isPublic: boolean;
  /** Projects given access to a private flavor. */
  projectIds?: readonly string[];
}): CliScript {
  const name = input.name.trim() || "<name>";
  const zero = (v: string | number | undefined) =>
    v === undefined || String(v).trim() === "" || Number(v) === 0 ? undefined : v;
  const projects = input.isPublic ? [] : (input.projectIds ?? []);
  return [
    cmd(
      "flavor",
      "create",
      opt("--vcpus", input.vcpus),
      opt("--ram", input.ram),
      opt("--disk", input.disk),
      opt("--ephemeral", zero(input.ephemeral)),
      opt("--swap", zero(input.swap)),
      input.isPublic ? "--public" : "--private",
      name,
    ),
    // `flavor create --project` takes one project; `flavor set` adds each.
    ...projects.map((p) => cmd("flavor", "set", "--project", p, name)),
  ];
}

export function flavorAccessAdd(input: { flavorId: string; projectId: string }): CliScript {
  return [cmd("flavor", "set", "--project", input.projectId || "<project>", input.flavorId)];
}

export function flavorAccessRemove(input: { flavorId: string; projectId: string }): CliScript {
  return [cmd("flavor", "unset", "--project", input.projectId, input.flavorId)];
}
