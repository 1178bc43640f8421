import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { QuotasView } from "./quotas-view";

export const metadata: Metadata = { title: "Quotas" };

export default function QuotasPage() {
  return (
    <>
      <PageHeader title="Quotas" description="How much compute and networking each project may use." />
      <QuotasView />
    </>
  );
}
