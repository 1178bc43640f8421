import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { FlavorsView } from "./flavors-view";

export const metadata: Metadata = { title: "Flavors" };

export default function FlavorsPage() {
  return (
    <>
      <PageHeader
        title="Flavors"
        description="Instance sizes. Public flavors serve every project; private ones only the projects given access."
      />
      <FlavorsView />
    </>
  );
}
