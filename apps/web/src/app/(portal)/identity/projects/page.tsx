import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { ProjectsView } from "./projects-view";

export const metadata: Metadata = { title: "Projects" };

export default function ProjectsPage() {
  return (
    <>
      <PageHeader
        title="Projects"
        description="Projects own cloud resources. Members get roles on a project; quotas apply per project."
      />
      <ProjectsView />
    </>
  );
}
