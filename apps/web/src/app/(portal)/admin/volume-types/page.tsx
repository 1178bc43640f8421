import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { VolumeTypesView } from "./volume-types-view";

export const metadata: Metadata = { title: "Volume types" };

export default function VolumeTypesPage() {
  return (
    <>
      <PageHeader
        title="Volume types"
        description="The kinds of volume users choose from. Extra specs tell the scheduler and backend what a type means; private types are offered only to projects given access."
      />
      <VolumeTypesView />
    </>
  );
}
