import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { VolumeServicesView } from "./volume-services-view";

export const metadata: Metadata = { title: "Volume services" };

export default function VolumeServicesPage() {
  return (
    <>
      <PageHeader
        title="Volume services"
        description="The block storage service's processes on each host, and the capacity of each storage pool."
      />
      <VolumeServicesView />
    </>
  );
}
