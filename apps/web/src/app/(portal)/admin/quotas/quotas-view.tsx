"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { TableError } from "@/components/data-table/table-states";
import { InfoCard } from "@/components/info-card";
import { useToast } from "@/components/toast/toast-provider";
import { QUOTA_DEFAULTS_INPUT, QUOTA_PROJECTS_INPUT } from "@/trpc/page-queries";
import { trpc } from "@/trpc/react";
import { NetworkQuotas } from "./network-quotas";
import { QuotaForm } from "./quota-form";

/** Nova reads the defaults through any project (`os-quota-sets/{id}/defaults`): the BFF asks with the admin's own. */
function DefaultQuotas() {
  const t = useTranslations("admin.quotas");
  const tCommon = useTranslations("common");
  const toast = useToast();
  const utils = trpc.useUtils();
  const defaults = trpc.admin.quotas.defaults.useQuery(QUOTA_DEFAULTS_INPUT);
  const save = trpc.admin.quotas.updateDefaults.useMutation({
    onSuccess: () => {
      toast.show(t("defaultsSavedToast"));
      void utils.admin.quotas.invalidate();
    },
  });
  if (defaults.error && !defaults.data)
    return <TableError error={defaults.error} onRetry={() => void defaults.refetch()} />;
  if (!defaults.data) return <p className="text-sm text-fg-muted">{tCommon("loading")}</p>;
  return (
    <QuotaForm
      key={JSON.stringify(defaults.data)}
      label={t("defaultQuotas")}
      values={defaults.data.limits}
      saving={save.isPending}
      onSave={(limits, showError) => save.mutate({ limits }, { onError: showError })}
    />
  );
}

function ProjectQuotas({ projectId, projectName }: { projectId: string; projectName: string }) {
  const t = useTranslations("admin.quotas");
  const tCommon = useTranslations("common");
  const toast = useToast();
  const utils = trpc.useUtils();
  const quotas = trpc.admin.quotas.get.useQuery({ projectId });
  const save = trpc.admin.quotas.update.useMutation({
    onSuccess: () => {
      toast.show(t("projectSavedToast", { project: projectName }));
      void utils.admin.quotas.get.invalidate({ projectId });
    },
  });
  if (quotas.error && !quotas.data)
    return <TableError error={quotas.error} onRetry={() => void quotas.refetch()} />;
  if (!quotas.data) return <p className="text-sm text-fg-muted">{tCommon("loading")}</p>;
  const { quota } = quotas.data;
  const pick = (field: "limit" | "inUse") => ({
    instances: quota.instances?.[field],
    cores: quota.cores?.[field],
    ram: quota.ram?.[field],
    keyPairs: quota.keyPairs?.[field],
  });
  return (
    <QuotaForm
      key={`${projectId}-${JSON.stringify(quota)}`}
      label={t("projectQuotas", { project: projectName })}
      values={pick("limit")}
      inUse={pick("inUse")}
      saving={save.isPending}
      onSave={(limits, showError) => save.mutate({ projectId, limits }, { onError: showError })}
    />
  );
}

/** Compute quotas (defaults and per-project overrides) and each project's network quotas. */
export function QuotasView() {
  const t = useTranslations("admin.quotas");
  const selectId = useId();
  const [projectId, setProjectId] = useState("");
  const projects = trpc.identity.projects.list.useQuery(QUOTA_PROJECTS_INPUT);
  const project = projects.data?.items.find((p) => p.id === projectId);
  return (
    <div className="flex flex-col gap-5">
      <InfoCard title={t("computeDefaults")}>
        <p className="mb-3 text-fg-muted">{t("defaultsIntro")}</p>
        <DefaultQuotas />
      </InfoCard>
      <InfoCard title={t("perProject")}>
        <div className="mb-4 flex max-w-sm flex-col gap-1">
          <label htmlFor={selectId} className="font-medium">
            {t("project")}
          </label>
          <select
            id={selectId}
            value={projectId}
            onChange={(e) => setProjectId(e.target.value)}
            className="h-9 rounded-md border border-border bg-surface px-2"
          >
            <option value="">{t("chooseProject")}</option>
            {(projects.data?.items ?? []).map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        {project ? (
          <div className="flex flex-col gap-6">
            <section aria-labelledby={`${selectId}-compute`}>
              <h3 id={`${selectId}-compute`} className="mb-3 font-semibold">
                {t("compute")}
              </h3>
              <ProjectQuotas projectId={project.id} projectName={project.name} />
            </section>
            <section aria-labelledby={`${selectId}-network`}>
              <h3 id={`${selectId}-network`} className="mb-3 font-semibold">
                {t("network")}
              </h3>
              <p className="mb-3 text-fg-muted">{t("networkIntro")}</p>
              <NetworkQuotas projectId={project.id} projectName={project.name} />
            </section>
          </div>
        ) : null}
      </InfoCard>
    </div>
  );
}
