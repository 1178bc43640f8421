import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { ChangePasswordForm } from "./change-password-form";

export const metadata: Metadata = { title: "Change password" };

export default function ChangePasswordPage() {
  return (
    <>
      <PageHeader
        title="Change password"
        description="After the change every session of yours ends, this one included; log in again with the new password."
      />
      <ChangePasswordForm />
    </>
  );
}
