import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { ChangePasswordForm } from "./change-password-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("settings.password");
  return { title: t("title") };
}

export default async function ChangePasswordPage() {
  const t = await getTranslations("settings.password");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <ChangePasswordForm />
    </>
  );
}
