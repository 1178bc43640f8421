import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { LaunchWizard } from "./launch-wizard";

export const metadata: Metadata = { title: "Launch instance" };

interface LaunchPageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function LaunchInstancePage({ searchParams }: LaunchPageProps) {
  const params = await searchParams;
  const imageId = typeof params.imageId === "string" ? params.imageId : undefined;
  // The topology diagram links here with the network to launch on.
  const networkId = typeof params.network === "string" ? params.network : undefined;
  return (
    <>
      <PageHeader
        title="Launch instance"
        description="Pick an image and a flavor; everything else is optional. Review, then launch."
      />
      <LaunchWizard initialImageId={imageId} initialNetworkId={networkId} />
    </>
  );
}
