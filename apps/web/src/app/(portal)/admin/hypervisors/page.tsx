import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { HypervisorsView } from "./hypervisors-view";

export const metadata: Metadata = { title: "Hypervisors" };

export default function HypervisorsPage() {
  return (
    <>
      <PageHeader
        title="Hypervisors"
        description="Compute hosts: their capacity, what is used, and what runs there."
      />
      <HypervisorsView />
    </>
  );
}
