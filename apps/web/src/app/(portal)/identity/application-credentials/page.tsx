import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { AppCredentialsView } from "./app-credentials-view";

export const metadata: Metadata = { title: "Application credentials" };

export default function ApplicationCredentialsPage() {
  return (
    <>
      <PageHeader
        title="Application credentials"
        description="Credentials for scripts and tools: they act as you, in the current project, without your password."
      />
      <AppCredentialsView />
    </>
  );
}
