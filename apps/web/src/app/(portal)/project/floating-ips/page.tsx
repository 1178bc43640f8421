import type { Metadata } from "next";
import { TableSkeleton } from "@/components/data-table/table-states";
import { FloatingIpsTable } from "@/components/network/floating-ips-table";
import { PageHeader } from "@/components/page-header";
import { FLOATING_IPS_LIST } from "@/lib/lists/network";
import { type PageSearchParams, PrefetchedList } from "@/trpc/prefetched-list";

export const metadata: Metadata = { title: "Floating IPs" };

export default function FloatingIpsPage({ searchParams }: { searchParams: PageSearchParams }) {
  return (
    <>
      <PageHeader
        title="Floating IPs"
        description="Public addresses from external networks. Associate one with an instance to reach it from outside; its security groups still decide what gets in."
      />
      <PrefetchedList
        fallback={<TableSkeleton />}
        spec={FLOATING_IPS_LIST}
        scope="project"
        searchParams={searchParams}
      >
        <FloatingIpsTable scope="project" />
      </PrefetchedList>
    </>
  );
}
