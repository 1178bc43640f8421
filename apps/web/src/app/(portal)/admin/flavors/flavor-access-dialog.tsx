"use client";

import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { FormError } from "@/components/form/form-error";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { flavorAccessAdd } from "@/lib/openstack-cli/flavor";
import { comment } from "@/lib/openstack-cli/script";
import { useErrorMessage } from "@/lib/use-error-message";
import { trpc } from "@/trpc/react";

interface FlavorRef {
  id: string;
  name: string;
}

/** Which projects may use a private flavor: grant or revoke one project at a time. */
export function FlavorAccessDialog({ flavor, onClose }: { flavor: FlavorRef | null; onClose: () => void }) {
  const errorMessageOf = useErrorMessage();
  const t = useTranslations("admin.flavors");
  const tCommon = useTranslations("common");
  const toast = useToast();
  const selectId = useId();
  const utils = trpc.useUtils();
  const [projectId, setProjectId] = useState("");
  const access = trpc.admin.flavors.access.useQuery({ id: flavor?.id ?? "" }, { enabled: flavor !== null });
  const projects = trpc.identity.projects.list.useQuery(
    { page: 1, pageSize: 100, sort: "name", dir: "asc" },
    { enabled: flavor !== null, staleTime: 60_000 },
  );
  const setAccess = trpc.admin.flavors.setAccess.useMutation({
    onSuccess: (_r, input) => {
      const before = access.data?.projectIds.length ?? 0;
      toast.show(input.projectIds.length > before ? t("grantedToast") : t("revokedToast"));
      setProjectId("");
      void utils.admin.flavors.access.invalidate();
    },
  });
  const names = new Map((projects.data?.items ?? []).map((p) => [p.id, p.name]));
  const grantedIds = access.data?.projectIds ?? [];
  const granted = new Set(grantedIds);
  const candidates = (projects.data?.items ?? []).filter((p) => !granted.has(p.id));

  return (
    <Dialog
      open={flavor !== null}
      onClose={onClose}
      title={flavor ? t("accessTitle", { name: flavor.name }) : t("accessDialogTitle")}
    >
      {flavor ? (
        <div className="flex flex-col gap-4 text-sm">
          <p className="text-fg-muted">{t("accessIntro")}</p>
          {access.data && grantedIds.length === 0 ? <p>{t("noAccess")}</p> : null}
          <ul aria-label={t("grantedList")} className="flex flex-col gap-1">
            {grantedIds.map((granteeId) => (
              <li
                key={granteeId}
                className="flex items-center justify-between rounded-md border border-border px-3 py-1.5"
              >
                <span>{names.get(granteeId) ?? granteeId}</span>
                <Button
                  size="sm"
                  variant="ghost"
                  className="text-danger"
                  aria-label={t("revokeProject", { project: names.get(granteeId) ?? granteeId })}
                  onClick={() =>
                    setAccess.mutate({ id: flavor.id, projectIds: grantedIds.filter((p) => p !== granteeId) })
                  }
                >
                  {t("revoke")}
                </Button>
              </li>
            ))}
          </ul>
          <div className="flex items-end gap-2">
            <div className="flex flex-1 flex-col gap-1">
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
                {candidates.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            </div>
            <Button
              variant="primary"
              disabled={!projectId}
              busy={setAccess.isPending}
              onClick={() => setAccess.mutate({ id: flavor.id, projectIds: [...grantedIds, projectId] })}
            >
              {t("grant")}
            </Button>
          </div>
          <FormError message={setAccess.error ? errorMessageOf(setAccess.error) : null} />
          <DialogActions
            cli={
              projectId
                ? flavorAccessAdd({ flavorId: flavor.id, projectId })
                : [comment(t("chooseProjectCli"))]
            }
          >
            <Button onClick={onClose}>{tCommon("close")}</Button>
          </DialogActions>
        </div>
      ) : null}
    </Dialog>
  );
}
