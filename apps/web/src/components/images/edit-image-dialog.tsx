"use client";

import { useTranslations } from "next-intl";
import { type FormEvent, useMemo } from "react";
import { CheckboxField } from "@/components/form/checkbox-field";
import { FormError } from "@/components/form/form-error";
import { SelectField } from "@/components/form/select-field";
import { TextField } from "@/components/form/text-field";
import { useToast } from "@/components/toast/toast-provider";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { DialogActions } from "@/components/ui/dialog-actions";
import { formValues, validateForm } from "@/lib/field-errors";
import { imageSet } from "@/lib/openstack-cli/image";
import { useFormErrors } from "@/lib/use-form-errors";
import { type RouterOutputs, trpc } from "@/trpc/react";
import { imageFormSchemas } from "./image-form-schema";
import { toOptions, VISIBILITIES } from "./image-formats";

type Image = RouterOutputs["images"]["list"]["items"][number];

export function EditImageDialog({ image, onClose }: { image: Image | null; onClose: () => void }) {
  const t = useTranslations("compute.images");
  const tCommon = useTranslations("common");
  const tValidation = useTranslations("compute.images.validation");
  const schemas = useMemo(() => imageFormSchemas(tValidation), [tValidation]);
  const visibilityLabel = (code: string) => t("visibilityOption", { code });
  const toast = useToast();
  const utils = trpc.useUtils();
  const errors = useFormErrors();
  const update = trpc.images.update.useMutation({
    onSuccess: (saved) => {
      toast.show(t("savedToast", { name: saved.name }));
      void utils.images.invalidate();
      void utils.compute.launchOptions.invalidate();
      errors.reset();
      onClose();
    },
    onError: errors.showError,
  });
  const cancel = () => {
    errors.reset();
    onClose();
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!image) return;
    const result = validateForm(schemas.editImage, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    update.mutate({ id: image.id, ...result.data });
  };
  return (
    <Dialog
      open={image !== null}
      onClose={cancel}
      title={image ? t("editTitle", { name: image.name }) : t("editTitleEmpty")}
    >
      {image ? (
        <form onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-2">
          <div className="sm:col-span-2">
            <TextField
              label={t("name")}
              name="name"
              defaultValue={image.name}
              error={errors.fields.name}
              autoFocus
            />
          </div>
          <SelectField
            label={t("visibility")}
            name="visibility"
            defaultValue={image.visibility}
            options={toOptions(VISIBILITIES, visibilityLabel)}
            error={errors.fields.visibility}
          />
          <div className="flex items-end pb-2">
            <CheckboxField label={t("protected")} name="protected" defaultChecked={image.protected} />
          </div>
          <TextField
            label={t("minDisk")}
            name="minDisk"
            type="number"
            min={0}
            defaultValue={String(image.minDisk)}
            error={errors.fields.minDisk}
          />
          <TextField
            label={t("minRam")}
            name="minRam"
            type="number"
            min={0}
            defaultValue={String(image.minRam)}
            error={errors.fields.minRam}
          />
          <div className="sm:col-span-2">
            <FormError message={errors.formError} />
            <DialogActions
              cli={(v) =>
                imageSet({
                  imageId: image.id,
                  name: v.name,
                  visibility: v.visibility,
                  protectedImage: v.protected === "on",
                  minDisk: v.minDisk,
                  minRam: v.minRam,
                })
              }
            >
              <Button onClick={cancel}>{tCommon("cancel")}</Button>
              <Button type="submit" variant="primary" busy={update.isPending}>
                {tCommon("save")}
              </Button>
            </DialogActions>
          </div>
        </form>
      ) : null}
    </Dialog>
  );
}
