import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { ComputeServicesView } from "./compute-services-view";

export const metadata: Metadata = { title: "Compute services" };

export default function ComputeServicesPage() {
  return (
    <>
      <PageHeader
        title="Compute services"
        description="The compute service of each host. Disable one (with a reason) to stop scheduling there."
      />
      <ComputeServicesView />
    </>
  );
}
