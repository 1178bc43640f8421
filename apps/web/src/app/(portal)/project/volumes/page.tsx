import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { VolumesView } from "./volumes-view";

export const metadata: Metadata = { title: "Volumes" };

export default async function VolumesPage({
  searchParams,
}: {
  searchParams: Promise<{ tab?: string | string[] }>;
}) {
  const { tab } = await searchParams;
  return (
    <>
      <PageHeader
        title="Volumes"
        description="Block storage that outlives instances: attach a volume to one instance at a time, snapshot it, back it up or hand it to another project."
      />
      <VolumesView initialTab={typeof tab === "string" ? tab : undefined} />
    </>
  );
}
