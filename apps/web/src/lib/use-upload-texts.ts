import { useTranslations } from "next-intl";
import { useMemo } from "react";
import type { UploadTexts } from "./upload-file";

/** `uploadFile`'s failure texts in the reader's language: `uploadFile(url, file, onProgress, useUploadTexts())`. */
export function useUploadTexts(): UploadTexts {
  const t = useTranslations("common.errors");
  return useMemo(
    () => ({
      failed: (status: number) => t("uploadFailed", { status: String(status) }),
      connectionFailed: t("uploadConnectionFailed"),
      cancelled: t("uploadCancelled"),
    }),
    [t],
  );
}
