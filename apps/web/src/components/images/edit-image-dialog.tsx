"use client";

import type { FormEvent } from "react";
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
import { EditImageSchema } from "./image-form-schema";
import { toOptions, VISIBILITIES } from "./image-formats";

type Image = RouterOutputs["images"]["list"]["items"][number];

export function EditImageDialog({ image, onClose }: { image: Image | null; onClose: () => void }) {
  const toast = useToast();
  const utils = trpc.useUtils();
  const errors = useFormErrors();
  const update = trpc.images.update.useMutation({
    onSuccess: (saved) => {
      toast.show(`Image ${saved.name} saved.`);
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
    const result = validateForm(EditImageSchema, formValues(event.currentTarget));
    if (!result.ok) return errors.showFieldErrors(result.fields);
    update.mutate({ id: image.id, ...result.data });
  };
  return (
    <Dialog open={image !== null} onClose={cancel} title={image ? `Edit image ${image.name}` : "Edit image"}>
      {image ? (
        <form onSubmit={submit} noValidate className="grid gap-4 sm:grid-cols-2">
          <div className="sm:col-span-2">
            <TextField
              label="Name"
              name="name"
              defaultValue={image.name}
              error={errors.fields.name}
              autoFocus
            />
          </div>
          <SelectField
            label="Visibility"
            name="visibility"
            defaultValue={image.visibility}
            options={toOptions(VISIBILITIES)}
            error={errors.fields.visibility}
          />
          <div className="flex items-end pb-2">
            <CheckboxField
              label="Protected (cannot be deleted)"
              name="protected"
              defaultChecked={image.protected}
            />
          </div>
          <TextField
            label="Minimum disk (GB)"
            name="minDisk"
            type="number"
            min={0}
            defaultValue={String(image.minDisk)}
            error={errors.fields.minDisk}
          />
          <TextField
            label="Minimum RAM (MB)"
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
              <Button onClick={cancel}>Cancel</Button>
              <Button type="submit" variant="primary" busy={update.isPending}>
                Save
              </Button>
            </DialogActions>
          </div>
        </form>
      ) : null}
    </Dialog>
  );
}
