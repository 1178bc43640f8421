"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId } from "react";
import { useToast } from "@/components/toast/toast-provider";
import { useErrorMessage } from "@/lib/use-error-message";
import { trpc } from "@/trpc/react";
import { forgetNavPrefetches } from "./use-nav-prefetch";

interface ProjectSwitcherProps {
  current: { id: string; name: string } | null;
}

/** Re-scopes the session to another project, then reloads everything for it. */
export function ProjectSwitcher({ current }: ProjectSwitcherProps) {
  const errorMessageOf = useErrorMessage();
  const t = useTranslations("shell.projectSwitcher");
  const id = useId();
  const router = useRouter();
  const queryClient = useQueryClient();
  const toast = useToast();
  const projects = trpc.session.projects.useQuery(undefined, { staleTime: 60_000 });
  const switchProject = trpc.session.switchProject.useMutation({
    onSuccess: async (result) => {
      // Pages read for the last project (visited, or prefetched by the side navigation) must not
      // show for this one, not even for a moment: drop them and stop the reads still in flight.
      await queryClient.cancelQueries();
      queryClient.removeQueries({ type: "inactive" });
      forgetNavPrefetches();
      await queryClient.invalidateQueries();
      router.refresh();
      toast.show(t("switched", { name: result.project.name }));
    },
    onError: (error) => toast.show(errorMessageOf(error), "error"),
  });

  const options = projects.data ?? (current ? [{ ...current, enabled: true, domainId: "" }] : []);
  const known = options.some((p) => p.id === current?.id);

  return (
    <div className="flex items-center gap-2">
      <label htmlFor={id} className="text-sm text-fg-muted">
        {t("label")}
      </label>
      <select
        id={id}
        value={current?.id ?? ""}
        disabled={switchProject.isPending || options.length === 0}
        aria-busy={switchProject.isPending || undefined}
        onChange={(e) => {
          if (e.target.value && e.target.value !== current?.id)
            switchProject.mutate({ projectId: e.target.value });
        }}
        className="h-8 max-w-56 rounded-md border border-border bg-surface px-2 text-sm font-medium"
      >
        {!current ? <option value="">{t("none")}</option> : null}
        {current && !known ? <option value={current.id}>{current.name}</option> : null}
        {options.map((project) => (
          <option key={project.id} value={project.id} disabled={!project.enabled}>
            {project.name}
          </option>
        ))}
      </select>
    </div>
  );
}
