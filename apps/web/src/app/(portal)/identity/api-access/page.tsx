import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { env } from "@/env";
import { ApiAccessView } from "./api-access-view";

export const metadata: Metadata = { title: "API access" };
export const dynamic = "force-dynamic";

export default function ApiAccessPage() {
  return (
    <>
      <PageHeader
        title="API access"
        description="Use the OpenStack command line, SDKs or Terraform against this cloud with the files below."
      />
      <ApiAccessView identityUrl={env().ZENITH_KEYSTONE_URL} />
    </>
  );
}
