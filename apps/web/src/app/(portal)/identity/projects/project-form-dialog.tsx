"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useMemo } from "react";
import { CheckboxField } from "@/components/form/checkbox-field";
import { FormError } from "@/components/form/form-error";
import { TextField } from "@/components/form/text-field";
import { TextareaField } from "@/components/form/textarea-field";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { formValues, validateForm } from "@/lib/field-errors";
import { projectCreate, projectSet } from "@/lib/openstack-cli/identity";
import { useFormErrors } from "@/lib/use-form-errors";
import { type RouterOutputs, trpc } from "@/trpc/react";
import { projectFormSchema } from "./project-form-schema";

type Project = RouterOutputs["identity"]["projects"]["get"];

interface ProjectFormDialogProps {
  /** The project to edit; undefined creates a new one. */
  project?: Project;
  open: boolean;
  onClose: () => void;
}

export function ProjectFormDialog({ project, open, onClose }: ProjectFormDialogProps) {
  const t = useTranslations("identity.projects");
  const tFields = useTranslations("identity.fields");
  const tCommon = useTranslations("common");
  const tValidation = useTranslations("identity.validation");
  const schema = useMemo(() => projectFormSchema(tValidation), [tValidation]);
  const utils = trpc.useUtils();
  const toast = useToast();
  const errors = useFormErrors();
  const done = (message: string) => {
    void utils.identity.projects.invalidate();
    void utils.session.projects.invalidate();
    toast.show(message);
    errors.reset();
    onClose();
  };
  const create = trpc.identity.projects.create.useMutation({
    onSuccess: (p) => done(t("createdToast", { name: p.name })),
    onError: errors.showError,
  });
  const update = trpc.identity.projects.update.useMutation({
    onSuccess: (p) => done(t("updatedToast", { name: p.name })),
    onError: errors.showError,
  });

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const result = validateForm(schema, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    if (project) update.mutate({ id: project.id, ...result.data });
    else create.mutate(result.data);
  };

  const cancel = () => {
    errors.reset();
    onClose();
  };

  return (
    <Dialog
      open={open}
      onClose={cancel}
      title={project ? t("editTitle", { name: project.name }) : t("create")}
    >
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        <TextField
          label={tFields("name")}
          name="name"
          defaultValue={project?.name}
          error={errors.fields.name}
          autoFocus
        />
        <TextareaField
          label={tFields("description")}
          name="description"
          defaultValue={project?.description}
          error={errors.fields.description}
        />
        <CheckboxField label={tFields("enabled")} name="enabled" defaultChecked={project?.enabled ?? true} />
        <FormError message={errors.formError} />
        <DialogActions
          cli={(v) =>
            project
              ? projectSet({
                  projectId: project.id,
                  name: v.name ?? "",
                  description: v.description ?? "",
                  enabled: v.enabled === "on",
                })
              : projectCreate({ name: v.name ?? "", description: v.description, enabled: v.enabled === "on" })
          }
        >
          <Button onClick={cancel}>{tCommon("cancel")}</Button>
          <Button type="submit" variant="primary" busy={create.isPending || update.isPending}>
            {project ? t("save") : t("create")}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
