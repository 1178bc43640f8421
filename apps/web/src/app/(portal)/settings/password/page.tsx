import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { ClientMessages } from "@/i18n/client-messages";
import { ChangePasswordForm } from "./change-password-form";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("settings.password");
  return { title: t("title") };
}

export default async function ChangePasswordPage() {
  const t = await getTranslations("settings.password");
  return (
    <ClientMessages namespaces={["settings.password"]}>
      <PageHeader title={t("title")} description={t("description")} />
      <ChangePasswordForm />
    </ClientMessages>
  );
}
