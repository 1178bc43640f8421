"use client";

import type { SelectOption } from "@/components/form/select-field";
import { trpc } from "@/trpc/react";

const OPTIONS_PAGE = { page: 1, pageSize: 100, sort: "name", dir: "asc" } as const;

/** Projects and roles as select options (first 100 of each, by name). */
export function useProjectRoleOptions(enabled: boolean): { projects: SelectOption[]; roles: SelectOption[] } {
  const projects = trpc.identity.projects.list.useQuery(OPTIONS_PAGE, { enabled });
  const roles = trpc.identity.roles.list.useQuery(OPTIONS_PAGE, { enabled });
  return {
    projects: (projects.data?.items ?? []).map((p) => ({ value: p.id, label: p.name })),
    roles: (roles.data?.items ?? []).map((r) => ({ value: r.id, label: r.name })),
  };
}
